import { useState } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import type { ModelInfo } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { cpuPercent, runningMemoryText } from '../../lib/memory-text'
import { useApp } from '../../store/store-context'
import { UnloadTime } from './UnloadTime'

/**
 * What a loaded model holds right now (its context shows in the card's "running with" tag) and when Ollama's
 * keep-alive runs out, with Unload, which frees that memory at once instead. Nothing for a model not loaded.
 */
export function LoadedLine({ model }: { model: ModelInfo }) {
  const unload = useApp((state) => state.unloadModel)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  if (model.runningContext === null && model.runningMemory === null) return null
  const memory = model.runningMemory
  const slow = memory !== null && cpuPercent(memory) > 0

  const run = async () => {
    setBusy(true)
    setError(await unload(model.name))
    setBusy(false)
  }

  return (
    <div className="loaded-line">
      <div className="loaded-line__row">
        <p className={`memory-line${slow ? ' memory-line--slow' : ''}`}>
          {memory !== null ? runningMemoryText(memory) : 'Loaded in Ollama right now'}
          {memory !== null && memory.unloadsAt !== null && (
            <UnloadTime key={memory.unloadsAt} unloadsAt={memory.unloadsAt} />
          )}
        </p>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={`Unload ${model.name}`}
          disabled={busy}
          onClick={() => void run()}
        >
          {busy ? 'Unloading…' : 'Unload'}
        </button>
      </div>
      {error && <ErrorNotice error={error} messageFirst onDismiss={() => setError(null)} />}
    </div>
  )
}
