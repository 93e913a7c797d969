import { minNumCtxFor } from '../../../src-shared/limits'
import { parseNumCtx, type NumCtx } from '../../../src-shared/num-ctx'
import { AppFailure } from '../app-failure'
import type { OllamaConnection } from '../connection'
import { whileHolding } from '../held-connection'
import { estimateMemory } from '../context/memory-estimate'
import { memoryModelOf } from '../context/reply-context'
import type { Handlers } from '../ipc/dispatch'
import type { ModelsWatch } from '../models/models-watch'
import type { SettingsService } from '../settings/settings-service'

type ModelChannels = 'models:list' | 'models:setNumCtx' | 'models:refresh' | 'models:estimateMemory'

/**
 * The `models:*` channels. Setting `num_ctx` only records the choice: the next message creates (or reuses) the
 * temporary model, and nothing a running chat uses is deleted (unused temp models go at the next start-up).
 */
export function modelHandlers(deps: {
  connection(): OllamaConnection
  settings: SettingsService
  watch: ModelsWatch
}): Pick<Handlers, ModelChannels> {
  /**
   * Several calls on one host (a model's details, then its context facts): held, so a host switch meanwhile does not
   * close their client between two of them. A listing holds its own (`models-watch.ts`).
   */
  const held = <T>(work: (connection: OllamaConnection) => Promise<T>) => whileHolding(deps.connection(), work)
  return {
    'models:list': () => deps.watch.listing(),
    'models:refresh': () => deps.watch.refresh(),
    // Stored for the host the model was found on, even if the host changed while it was being looked up.
    'models:setNumCtx': ({ model, numCtx: asked }) =>
      held(async ({ host, catalog }) => {
        const info = await catalog.get(model)
        let numCtx: NumCtx | null = null
        if (asked !== null) {
          if (info.isCloud) {
            throw new AppFailure(
              'NOT_APPLICABLE',
              `${info.name} is a cloud model: it runs with the context ollama.com gives it.`,
            )
          }
          if (!info.canChat)
            throw new AppFailure('NOT_APPLICABLE', `${info.name} is an embedding model: it has no chat context to set.`)
          // Where a context length enters from the window: judged once, with this model's bounds, then stored as it is.
          const check = parseNumCtx(asked, {
            trainedContext: info.trainedContext,
            minimum: minNumCtxFor(info.capabilities),
          })
          if (!check.ok) throw new AppFailure('INVALID_NUM_CTX', check.message)
          numCtx = check.value
        }
        deps.settings.setNumCtx(host, info.name, numCtx)
        return { model: { ...info, customNumCtx: numCtx } }
      }),
    'models:estimateMemory': async ({ model, numCtx }) => {
      const { details, facts } = await held(async ({ catalog, facts }) => ({
        details: await catalog.details(model),
        facts,
      }))
      if (details.listed.isRemote)
        throw new AppFailure(
          'NOT_APPLICABLE',
          `${details.listed.name} is a cloud model: it runs on ollama.com, not in your memory.`,
        )
      const memory = memoryModelOf(details)
      const estimate = memory === null ? null : estimateMemory(memory, numCtx, facts.gpuBytes())
      if (estimate === null) {
        // No shape: fields missing, a per-layer KV head count, or sliding-window attention (`readKvShape`).
        throw new AppFailure(
          'NOT_APPLICABLE',
          `ollmchat cannot estimate the memory of ${details.listed.name}: what Ollama tells about its context cache is not enough for an honest number.`,
        )
      }
      return estimate
    },
  }
}
