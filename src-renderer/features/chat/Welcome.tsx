import { useApp } from '../../store/store-context'

/** The new-chat screen: a calm greeting, or how to get a first model when Ollama has none. */
export function Welcome() {
  const hasModels = useApp((state) => state.models.length > 0)
  const modelsReady = useApp((state) => state.modelsStatus === 'ready')
  return (
    <div className="welcome">
      {hasModels || !modelsReady ? (
        <>
          <h2 className="welcome__title">What shall we talk about?</h2>
          <p className="welcome__hint">Your conversations stay on this computer, with your local Ollama models.</p>
        </>
      ) : (
        <>
          <h2 className="welcome__title">No models installed yet</h2>
          <p className="welcome__hint">
            Ollama is running but has no models. Pull one in a terminal, for example <code>ollama pull llama3.2</code>,
            and it appears here.
          </p>
        </>
      )}
    </div>
  )
}
