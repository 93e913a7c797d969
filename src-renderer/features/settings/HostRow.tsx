import { useState } from 'react'
import type { HostEntry } from '../../../src-shared/types'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { hostAddress } from '../../lib/host-names'
import { useApp } from '../../store/store-context'

/** The id of a host's radio button, where focus returns after editing it. */
export const hostRadioId = (hostId: string): string => `host-radio-${hostId}`
/** The id of the Default host's radio (host ids are UUIDs, so it never meets one). */
export const DEFAULT_HOST_RADIO_ID = 'host-radio-default'

/**
 * Where focus goes once a removed host's row is gone: the radio of the added host still in use, else a neighbour's
 * (the next, else the previous), else the Default one, so the person stays in the list.
 */
function focusAfterRemoving(hostId: string, hosts: readonly HostEntry[], activeId: string | null): string {
  if (activeId !== null && activeId !== hostId) return hostRadioId(activeId)
  const index = hosts.findIndex((host) => host.id === hostId)
  const neighbour = hosts[index + 1] ?? hosts[index - 1]
  return neighbour === undefined ? DEFAULT_HOST_RADIO_ID : hostRadioId(neighbour.id)
}

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
  const hosts = useApp((state) => state.settings.hosts)
  const activeId = useApp((state) => state.settings.activeHostId)
  // Chosen when the dialog opens and kept: `Dialog` reads it once per opening.
  const [confirming, setConfirming] = useState<{ fallbackFocusId: string } | null>(null)
  const label = host.name?.trim() || hostAddress(host.url)
  return (
    <li className="host">
      <label className="host__choice">
        <input
          id={hostRadioId(host.id)}
          type="radio"
          name="active-host"
          checked={active}
          disabled={disabled}
          onChange={onChoose}
        />
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
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={`Edit ${label}`}
          onClick={onEdit}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={`Remove ${label}`}
          onClick={() => setConfirming({ fallbackFocusId: focusAfterRemoving(host.id, hosts, activeId) })}
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
          onClose={() => setConfirming(null)}
          fallbackFocusId={confirming.fallbackFocusId}
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
