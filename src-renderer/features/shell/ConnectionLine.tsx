import { TriangleAlert } from 'lucide-react'
import { hostLabel } from '../../lib/host-names'
import { useApp } from '../../store/store-context'

/**
 * A quiet line at the foot of the sidebar: whether Ollama answers, its version, and which host (its name when the
 * person gave it one). When that Ollama is too old for ollmchat, a warning says why underneath.
 */
export function ConnectionLine() {
  const ollama = useApp((state) => state.ollama)
  const hosts = useApp((state) => state.settings.hosts)
  const state = ollama?.state ?? 'checking'
  const text =
    state === 'reachable'
      ? `Ollama ${ollama?.version ?? ''}`.trim()
      : state === 'unreachable'
        ? 'Ollama not reachable'
        : 'Checking Ollama…'
  return (
    <div className="connection">
      <p className="connection-line" title={ollama?.host}>
        <span className={`status-dot status-dot--${state}`} aria-hidden />
        <span>{text}</span>
        {ollama?.host && <span className="connection-line__host">{hostLabel(ollama.host, hosts)}</span>}
      </p>
      {ollama?.tooOld && (
        <p className="connection-warning">
          <TriangleAlert size={13} aria-hidden className="connection-warning__icon" />
          <span>
            <span className="visually-hidden">Warning: </span>
            {ollama.tooOld}
          </span>
        </p>
      )}
    </div>
  )
}
