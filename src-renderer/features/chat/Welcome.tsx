import { useApp } from '../../store/store-context'
import { PullForm } from '../pulls/PullForm'

/**
 * The new-chat screen: a calm greeting, or, when Ollama has no model to chat with (no models at all, or only
 * embedding models, which cannot chat), a field to pull one right here.
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
        {hasModels
          ? 'Ollama has only models that make embeddings, which cannot chat.'
          : 'Ollama is running but has no models.'}{' '}
        Pull one here, for example llama3.2:3b (about 2 GB); it shows in the model picker once it is downloaded.
      </p>
      <div className="welcome__pull">
        <PullForm showWhere />
      </div>
    </div>
  )
}
