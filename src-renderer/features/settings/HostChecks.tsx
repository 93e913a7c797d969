import type { HostEntry, HostStatus } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { errorText } from '../../lib/error-text'
import { hostAddress } from '../../lib/host-names'
import { useApp } from '../../store/store-context'

/** "Check hosts": asks every known host (and the default) for its version now, and says what each answered. */
export function HostChecks() {
  const checks = useApp((state) => state.hostChecks)
  const status = useApp((state) => state.hostChecksStatus)
  const error = useApp((state) => state.hostChecksError)
  const hosts = useApp((state) => state.settings.hosts)
  const checkHosts = useApp((state) => state.checkHosts)
  return (
    <div className="host-checks">
      <button type="button" className="button" disabled={status === 'loading'} onClick={() => void checkHosts()}>
        {status === 'loading' ? 'Checking…' : 'Check hosts'}
      </button>
      {status === 'error' && error && <ErrorNotice error={error} />}
      {status === 'ready' && (
        <ul className="host-checks__list" aria-label="What each host answered">
          {checks.map((check) => (
            <li
              key={`${check.hostId} ${check.url}`}
              className={check.tooOld || check.state !== 'reachable' ? 'host-checks__bad' : undefined}
            >
              <span className="host-checks__name">{checkedHostLabel(check, hosts)}</span>: {checkText(check)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function checkedHostLabel(check: HostStatus, hosts: readonly HostEntry[]): string {
  const known = hosts.find((host) => host.id === check.hostId)
  if (known === undefined) return `Default (${hostAddress(check.url)})`
  return known.name?.trim() || hostAddress(known.url)
}

/** "reachable, Ollama 0.6.2", "not reachable — …", or the version and why it is too old. */
function checkText(check: HostStatus): string {
  if (check.state === 'unreachable') {
    return `not reachable${check.error ? ` — ${errorText(check.error, { messageFirst: true })}` : ''}`
  }
  const version = check.version ? `Ollama ${check.version}` : 'version unknown'
  return check.tooOld ? `reachable, ${version}, too old: ${check.tooOld}` : `reachable, ${version}`
}
