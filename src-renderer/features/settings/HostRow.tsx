import { useState } from 'react'
import type { HostEntry } from '../../../src-shared/types'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { hostAddress } from '../../lib/host-names'
import { useApp } from '../../store/store-context'

/** The id of a host's radio button, where focus returns after editing it. */
export const hostRadioId = (hostId: string): string => `host-radio-${hostId}`

/**
 * One added host: a radio to use it, its address and the names of its extra headers (values never come back from
 * main, so they show as dots), Edit and Remove (after asking).
 */
export function HostRow({
  host,
  active,
  disabled,
  onChoose,
  onEdit,
}: {
  host: HostEntry
  active: boolean
  disabled: boolean
  onChoose: () => void
  onEdit: () => void
}) {
  const remove = useApp((state) => state.removeHost)
  const [confirming, setConfirming] = useState(false)
  const label = host.name?.trim() || hostAddress(host.url)
  return (
    <li className="host">
      <label className="host__choice">
        <input id={hostRadioId(host.id)} type="radio" name="active-host" checked={active} disabled={disabled} onChange={onChoose} />
        <span className="host__name">{label}</span>
        {host.name?.trim() && (
          <>
            {' '}
            <span className="host__address">({hostAddress(host.url)})</span>
          </>
        )}
      </label>
      {host.headerNames.length > 0 && (
        <ul className="host__headers" aria-label={`Extra headers sent to ${label}`}>
          {host.headerNames.map((name) => (
            <li key={name}>
              {name}: <span aria-hidden>••••</span>
              <span className="visually-hidden">(value kept secret)</span>
            </li>
          ))}
        </ul>
      )}
      <span className="host__actions">
        <button type="button" className="button button--ghost button--small" aria-label={`Edit ${label}`} onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={`Remove ${label}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      </span>
      {confirming && (
        <ConfirmDialog
          title={`Remove ${label}?`}
          confirmLabel="Remove"
          busyLabel="Removing…"
          onConfirm={() => remove(host.id)}
          onClose={() => setConfirming(false)}
        >
          <p>
            ollmchat forgets its address{host.headerNames.length > 0 ? ' and its headers' : ''}. Conversations stay.
            {active ? ' It is in use: ollmchat goes back to the default (OLLAMA_HOST or 127.0.0.1:11434).' : ''}
          </p>
        </ConfirmDialog>
      )}
    </li>
  )
}
