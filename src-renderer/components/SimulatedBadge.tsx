import { FlaskConical } from 'lucide-react'
import { useApp } from '../store/store-context'

/** Demo mode: a label that stays visible whenever the Ollama peer is the built-in simulator. */
export function SimulatedBadge() {
  const simulated = useApp((state) => state.appInfo?.simulatedOllama === true)
  if (!simulated) return null
  return (
    <span className="simulated-badge" title="Replies come from ollmchat’s Ollama simulator, not from a real model.">
      <FlaskConical size={13} aria-hidden />
      Simulated Ollama
    </span>
  )
}
