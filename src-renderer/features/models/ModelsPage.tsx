import { RefreshCw } from 'lucide-react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { Downloads } from '../pulls/Downloads'
import { PullForm } from '../pulls/PullForm'
import { TempModelsPanel } from '../temp-models/TempModelsPanel'
import { ModelCard } from './ModelCard'
import { MODELS_HEADING_ID } from './models-heading'

/**
 * Installed models (never the app's temporary ones), each with its facts, its context setting, Unload, Details
 * and Delete; above them "Pull a model" and the Downloads in progress; below, the temporary models, folded.
 */
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
          {/* Focusable by script: where focus lands when the card a dialog came from is gone. */}
          <h1 id={MODELS_HEADING_ID} tabIndex={-1}>
            Models
          </h1>
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
      <div className="page__section">
        <PullForm />
      </div>
      <Downloads />
      {status === 'error' && error && <ErrorNotice error={error} />}
      {status === 'loading' && models.length === 0 && <p className="page__empty">Loading models…</p>}
      {status === 'ready' && models.length === 0 && (
        <p className="page__empty">No models yet. Pull one above, for example llama3.2:3b.</p>
      )}
      <ul className="model-list" aria-label="Installed models">
        {models.map((model) => (
          <ModelCard key={model.name} model={model} />
        ))}
      </ul>
      <TempModelsPanel />
    </div>
  )
}
