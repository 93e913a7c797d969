import { useId, useState, type FormEvent } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import type { HostEntry } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { parseHeaderLines } from '../../lib/header-lines'
import { sameHost } from '../../lib/host-names'
import type { HostInput } from '../../store/hosts-slice'
import { useApp } from '../../store/store-context'

/**
 * Adds a host, or edits one (`host`). Header values never come back from main, so the headers field starts empty:
 * left untouched, the saved headers stay (nothing is sent for them) unless the address changes, as main never sends
 * them to another server; typed in, they replace the saved ones. Main checks the address and says what is wrong.
 */
export function HostForm({ host, onDone }: { host?: HostEntry; onDone: () => void }) {
  const id = useId()
  const saveHost = useApp((state) => state.saveHost)
  // Until main has said otherwise, no encryption is claimed.
  const encrypted = useApp((state) => state.appInfo?.secretsEncrypted === true)
  const [url, setUrl] = useState(host?.url ?? '')
  const [name, setName] = useState(host?.name ?? '')
  const [headers, setHeaders] = useState('')
  const [headersTouched, setHeadersTouched] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const saved = host?.headerNames ?? []
  const problemId = `${id}-problem`
  // Loosely compared (main normalises the address, so e.g. a trailing slash is no new address).
  const dropsSaved =
    host !== undefined && saved.length > 0 && !headersTouched && url.trim() !== '' && !sameHost(url, host.url)
  const dropsId = `${id}-headers-drop`

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (url.trim() === '') return setProblem('Type the host’s address, for example http://192.168.1.20:11434.')
    const input: HostInput = { url: url.trim(), name: name.trim() === '' ? null : name.trim() }
    if (host) input.id = host.id
    if (headersTouched) {
      const parsed = parseHeaderLines(headers)
      if (!parsed.ok) return setProblem(parsed.message)
      input.headers = parsed.headers
    }
    setProblem(null)
    setBusy(true)
    const failure = await saveHost(input)
    setBusy(false)
    if (failure) setError(failure)
    else onDone()
  }

  return (
    <form
      className="host-form"
      aria-label={host ? `Edit ${host.name ?? host.url}` : 'Add a host'}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <label className="field-label" htmlFor={`${id}-url`}>
        Address
      </label>
      <input
        id={`${id}-url`}
        className="input host-form__input"
        value={url}
        placeholder="http://192.168.1.20:11434"
        spellCheck={false}
        autoFocus
        aria-invalid={problem !== null && url.trim() === ''}
        aria-describedby={problem !== null ? problemId : undefined}
        onChange={(event) => setUrl(event.target.value)}
      />
      <label className="field-label" htmlFor={`${id}-name`}>
        Name (optional)
      </label>
      <input
        id={`${id}-name`}
        className="input host-form__input"
        value={name}
        placeholder="e.g. Work GPU"
        onChange={(event) => setName(event.target.value)}
      />
      <label className="field-label" htmlFor={`${id}-headers`}>
        Extra headers (optional)
      </label>
      <textarea
        id={`${id}-headers`}
        className="textarea host-form__headers"
        rows={2}
        value={headers}
        spellCheck={false}
        placeholder={saved.length > 0 ? `Unchanged: ${saved.join(', ')}` : 'Authorization: Bearer …'}
        aria-describedby={[`${id}-headers-help`, dropsSaved && dropsId].filter(Boolean).join(' ')}
        onChange={(event) => {
          setHeaders(event.target.value)
          setHeadersTouched(true)
        }}
      />
      <p id={`${id}-headers-help`} className="field-help">
        One “Name: value” per line, for an Ollama behind a proxy.{' '}
        {encrypted
          ? 'Values are encrypted with your system’s keychain and never shown again.'
          : 'Values are kept in a file only your user account can read (not encrypted), and never shown again.'}
        {saved.length > 0 &&
          !dropsSaved &&
          ' Leave this untouched to keep the saved ones; what you type replaces them.'}
      </p>
      {dropsSaved && (
        <p id={dropsId} className="field-help" role="status">
          A new address drops the saved headers ({saved.join(', ')}): they were meant for the old one. Type them again
          to keep them.
        </p>
      )}
      {saved.length > 0 && !headersTouched && (
        <button type="button" className="button button--ghost button--small" onClick={() => setHeadersTouched(true)}>
          Remove the saved headers
        </button>
      )}
      {saved.length > 0 && headersTouched && headers.trim() === '' && (
        <p className="field-help">The saved headers go when you save.</p>
      )}
      {problem !== null && (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div className="host-form__actions">
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {host ? 'Save host' : 'Add host'}
        </button>
      </div>
    </form>
  )
}
