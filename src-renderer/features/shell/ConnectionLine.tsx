import { useApp } from '../../store/store-context'

/** A quiet line at the foot of the sidebar: whether Ollama answers, its version, and where. */
export function ConnectionLine() {
  const ollama = useApp((state) => state.ollama)
  const state = ollama?.state ?? 'checking'
  const text =
    state === 'reachable'
      ? `Ollama ${ollama?.version ?? ''}`.trim()
      : state === 'unreachable'
        ? 'Ollama not reachable'
        : 'Checking Ollama…'
  return (
    <p className="connection-line" title={ollama?.host}>
      <span className={`status-dot status-dot--${state}`} aria-hidden />
      <span>{text}</span>
      {ollama?.host && <span className="connection-line__host">{ollama.host.replace(/^https?:\/\//, '')}</span>}
    </p>
  )
}
