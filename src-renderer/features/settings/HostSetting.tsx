import { useState, type FormEvent } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'

/** Where ollmchat finds Ollama; empty means `OLLAMA_HOST` or the default. Shows the host actually in use. */
export function HostSetting() {
  const saved = useApp((state) => state.settings.ollamaHost)
  const status = useApp((state) => state.ollama)
  const update = useApp((state) => state.updateSettings)
  const checkNow = useApp((state) => state.checkOllamaNow)
  const [value, setValue] = useState(saved ?? '')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const changed = value.trim() !== (saved ?? '')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const failure = await update({ ollamaHost: value.trim() === '' ? null : value.trim() })
    setError(failure)
    if (!failure) await checkNow()
    setBusy(false)
  }

  const state =
    status === null
      ? 'not checked yet'
      : status.state === 'reachable'
        ? `reachable${status.version ? `, Ollama ${status.version}` : ''}`
        : status.state === 'unreachable'
          ? 'not reachable'
          : 'checking…'

  return (
    <form className="setting" onSubmit={(event) => void submit(event)}>
      <label className="setting__label" htmlFor="setting-host">
        Ollama address
      </label>
      <p className="setting__help" id="setting-host-help">
        Where ollmchat finds Ollama. Leave empty to use <code>OLLAMA_HOST</code>, or else http://127.0.0.1:11434.
      </p>
      <div className="setting__row">
        <input
          id="setting-host"
          className="input"
          value={value}
          placeholder={status?.host ?? 'http://127.0.0.1:11434'}
          aria-describedby="setting-host-help setting-host-status"
          spellCheck={false}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={!changed || busy}>
          Save
        </button>
      </div>
      <p className="setting__status" id="setting-host-status">
        In use: <code>{status?.host ?? '—'}</code> ({state})
      </p>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </form>
  )
}
