import { RefreshCw } from 'lucide-react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { ModelCard } from './ModelCard'

/** Installed models (never the app's temporary ones), each with its facts and its context setting. */
export function ModelsPage() {
  const models = useApp((state) => state.models)
  const status = useApp((state) => state.modelsStatus)
  const error = useApp((state) => state.modelsError)
  const host = useApp((state) => state.ollama?.host ?? null)
  const reload = useApp((state) => state.loadModels)
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Models</h1>
          <p className="page__lead">
            Installed in Ollama{host ? ` at ${host}` : ''}. A context length you set here is used from your next
            message.
          </p>
        </div>
        <button type="button" className="button" onClick={() => void reload()} disabled={status === 'loading'}>
          <RefreshCw size={14} aria-hidden className={status === 'loading' ? 'spin' : undefined} />
          Refresh
        </button>
      </header>
      {status === 'error' && error && <ErrorNotice error={error} />}
      {status === 'loading' && models.length === 0 && <p className="page__empty">Loading models…</p>}
      {status === 'ready' && models.length === 0 && (
        <p className="page__empty">
          No models yet. Pull one in a terminal, for example <code>ollama pull llama3.2</code>, then press Refresh.
        </p>
      )}
      <ul className="model-list">
        {models.map((model) => (
          <ModelCard key={model.name} model={model} />
        ))}
      </ul>
    </div>
  )
}
