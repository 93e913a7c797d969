import { ChevronRight, RefreshCw } from 'lucide-react'
import { useId, useState } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import type { TempCleanupReport } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { CleanupReport } from './CleanupReport'
import { RemoveAllTempDialog } from './RemoveAllTempDialog'
import { TempModelList } from './TempModelList'

/**
 * The temporary models ollmchat made on this host, folded away by default (most people never need them): the
 * list, "Clean up unused now" and "Remove all". Not a heading, because the Models page's headings are its models.
 */
export function TempModelsPanel() {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [report, setReport] = useState<TempCleanupReport | null>(null)
  const [actionError, setActionError] = useState<AppError | null>(null)
  const limit = useApp((state) => state.settings.tempModelLimit)
  const load = useApp((state) => state.loadTempModels)
  const cleanup = useApp((state) => state.cleanupTempModels)
  const status = useApp((state) => state.tempModelsStatus)

  const toggle = () => {
    if (!open) void load()
    setOpen(!open)
  }

  const cleanUpNow = async () => {
    setBusy(true)
    setActionError(null)
    const result = await cleanup()
    setBusy(false)
    if (result.ok) setReport(result.value)
    else setActionError(result.error)
  }

  return (
    <section className="panel" aria-labelledby={`${id}-toggle`}>
      <button
        id={`${id}-toggle`}
        type="button"
        className="panel__toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={toggle}
      >
        <ChevronRight size={16} aria-hidden className="panel__chevron" />
        Temporary models ollmchat made
      </button>
      <div id={`${id}-body`} className="panel__body" hidden={!open}>
        {open && (
          <>
            <p className="panel__lead">
              When you set a context length for a model, ollmchat makes a temporary copy of it with that context (Ollama
              applies a context only to a model made with it). Each shares its base model’s weights on disk, except a
              stale one. Unused ones are deleted at start, and when there are more than {limit} on this host.
            </p>
            <div className="panel__actions">
              <button type="button" className="button" disabled={busy} onClick={() => void cleanUpNow()}>
                {busy ? 'Cleaning up…' : 'Clean up unused now'}
              </button>
              <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
                Remove all…
              </button>
              <button
                type="button"
                className="button button--ghost"
                disabled={status === 'loading'}
                onClick={() => void load()}
              >
                <RefreshCw size={14} aria-hidden />
                Refresh list
              </button>
            </div>
            {actionError && <ErrorNotice error={actionError} messageFirst onDismiss={() => setActionError(null)} />}
            {report && <CleanupReport report={report} />}
            <TempModelList />
          </>
        )}
      </div>
      {confirming && <RemoveAllTempDialog onDone={setReport} onClose={() => setConfirming(false)} />}
    </section>
  )
}
