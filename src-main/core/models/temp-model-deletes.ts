import { messageOf } from '../guards'
import { CancelledError } from '../ollama/errors'
import { AdaptiveConcurrency } from './adaptive-concurrency'
import { mapBounded } from './bounded'
import type { CleanupDeps, CleanupReport } from './temp-model-cleanup'

/** What the deletes of a clean-up pass need: the manager's part, plus how to forget a model and when to stop. */
export interface TempModelDeletes extends Pick<
  CleanupDeps,
  'client' | 'log' | 'concurrency' | 'isAcquired' | 'isCreating'
> {
  /** The model is gone: drop every record of it, whichever spelling it was stored under. */
  forgetModel(name: string): void
  signal?: AbortSignal | undefined
}

/**
 * Deletes the models a pass decided may go, with a concurrency that adapts to the deletes' round trips, and adds
 * each outcome to `report`. The hold is checked again right before each delete, so a chat that starts during the
 * pass keeps its model. A failed delete is reported for its model; a cancel throws `CancelledError`.
 */
export async function deleteTempModels(
  candidates: readonly string[],
  deps: TempModelDeletes,
  report: Pick<CleanupReport, 'deleted' | 'kept' | 'failed'>,
): Promise<void> {
  const { client, log, signal } = deps
  const concurrency = new AdaptiveConcurrency(deps.concurrency)
  await mapBounded(
    candidates,
    () => concurrency.limit,
    async (name) => {
      if (deps.isAcquired(name) || deps.isCreating(name)) {
        report.kept.push({ name, reason: 'a chat in ollmchat started using it during the clean-up' })
        return
      }
      const sent = performance.now()
      try {
        const existed = await client.delete(name, { signal })
        concurrency.record(performance.now() - sent)
        deps.forgetModel(name)
        report.deleted.push(name)
        if (!existed) log.info('temporary model was already gone', { name })
      } catch (error) {
        if (error instanceof CancelledError) {
          // The delete may have reached Ollama before the stop: a record kept now would hand out a model that is gone.
          deps.forgetModel(name)
          throw error
        }
        concurrency.record(performance.now() - sent, true)
        report.failed.push({ name, error: messageOf(error) })
      }
    },
  )
}
