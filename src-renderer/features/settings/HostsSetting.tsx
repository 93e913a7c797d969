import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { AppError } from '../../../src-shared/ipc/result'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { HostChecks } from './HostChecks'
import { HostForm } from './HostForm'
import { DEFAULT_HOST_RADIO_ID, HostRow, hostRadioId } from './HostRow'

/**
 * The Ollama hosts ollmchat knows, one of them in use: the default (`OLLAMA_HOST` or 127.0.0.1:11434) and those
 * the person added. Switch, add, edit, remove, and check them all. Shows the host in use and whether it answers.
 */
export function HostsSetting() {
  const hosts = useApp((state) => state.settings.hosts)
  const activeId = useApp((state) => state.settings.activeHostId)
  const switchHost = useApp((state) => state.switchHost)
  const [adding, setAdding] = useState(false)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)

  // Busy while main takes the switch; the new host's check goes on after, shown by "In use" below.
  const choose = async (hostId: string | null) => {
    setBusy(true)
    setError(await switchHost(hostId))
    setBusy(false)
  }
  // Focus goes back where the form was opened from, not to the top of the page.
  const closeAdd = () => {
    flushSync(() => setAdding(false))
    addButton.current?.focus()
  }
  const closeEdit = (hostId: string) => {
    flushSync(() => setEditingId(null))
    document.getElementById(hostRadioId(hostId))?.focus()
  }

  return (
    <fieldset className="setting" aria-describedby="setting-hosts-help">
      <legend className="setting__label">Ollama hosts</legend>
      <p className="setting__help" id="setting-hosts-help">
        The Ollama ollmchat talks to. Add the others you use (another computer, a server behind a proxy) and switch
        here; your conversations stay whichever host you use.
      </p>
      <ul className="host-list">
        <li className="host">
          <label className="host__choice">
            <input
              id={DEFAULT_HOST_RADIO_ID}
              type="radio"
              name="active-host"
              checked={activeId === null}
              disabled={busy}
              onChange={() => void choose(null)}
            />
            <span className="host__name">Default</span>{' '}
            <span className="host__address">(OLLAMA_HOST or 127.0.0.1:11434)</span>
          </label>
        </li>
        {hosts.map((host) =>
          editingId === host.id ? (
            <li key={host.id} className="host host--editing">
              <HostForm host={host} onDone={() => closeEdit(host.id)} />
            </li>
          ) : (
            <HostRow
              key={host.id}
              host={host}
              active={host.id === activeId}
              disabled={busy}
              onChoose={() => void choose(host.id)}
              onEdit={() => setEditingId(host.id)}
            />
          ),
        )}
      </ul>
      <HostInUse />
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {adding ? (
        <HostForm onDone={closeAdd} />
      ) : (
        <button ref={addButton} type="button" className="button" onClick={() => setAdding(true)}>
          Add a host
        </button>
      )}
      <HostChecks />
    </fieldset>
  )
}

/** "In use: http://127.0.0.1:11434 (reachable, Ollama 0.5.7)": the host the app really talks to. */
function HostInUse() {
  const status = useApp((state) => state.ollama)
  const state =
    status === null
      ? 'not checked yet'
      : status.state === 'reachable'
        ? `reachable${status.version ? `, Ollama ${status.version}` : ''}`
        : status.state === 'unreachable'
          ? 'not reachable'
          : 'checking…'
  return (
    <p className="setting__status" role="status">
      In use: <code>{status?.host ?? '—'}</code> ({state})
    </p>
  )
}
