import { useApp } from '../../store/store-context'

/**
 * The new-chat screen: a calm greeting, or how to get a first chat model when Ollama has none (no models at
 * all, or only embedding models, which cannot chat).
 */
export function Welcome() {
  const hasChatModels = useApp((state) => state.models.some((model) => model.canChat))
  const hasModels = useApp((state) => state.models.length > 0)
  const modelsReady = useApp((state) => state.modelsStatus === 'ready')
  if (hasChatModels || !modelsReady) {
    return (
      <div className="welcome">
        <h2 className="welcome__title">What shall we talk about?</h2>
        <p className="welcome__hint">Your conversations stay on this computer, with your local Ollama models.</p>
      </div>
    )
  }
  return (
    <div className="welcome">
      <h2 className="welcome__title">{hasModels ? 'No chat models installed yet' : 'No models installed yet'}</h2>
      <p className="welcome__hint">
        {hasModels ? 'Ollama has only models that make embeddings, which cannot chat.' : 'Ollama is running but has no models.'}{' '}
        Pull one in a terminal, for example <code>ollama pull llama3.2</code>, and it appears here.
      </p>
    </div>
  )
}
