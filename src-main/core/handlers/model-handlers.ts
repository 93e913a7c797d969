import { checkNumCtx } from '../../../src-shared/limits'
import { AppFailure } from '../app-failure'
import type { OllamaConnection } from '../connection'
import type { Handlers } from '../ipc/dispatch'
import type { SettingsService } from '../settings/settings-service'

/**
 * The `models:*` channels. Setting `num_ctx` only records the choice: the next message creates (or reuses) the
 * temporary model, and nothing a running chat uses is deleted (unused temp models go at the next start-up).
 */
export function modelHandlers(deps: {
  connection(): OllamaConnection
  settings: SettingsService
}): Pick<Handlers, 'models:list' | 'models:setNumCtx'> {
  return {
    'models:list': async () => ({ models: await deps.connection().catalog.list() }),
    'models:setNumCtx': async ({ model, numCtx }) => {
      const { catalog } = deps.connection()
      const info = await catalog.get(model)
      if (numCtx !== null) {
        if (info.isCloud) {
          throw new AppFailure('NOT_APPLICABLE', `${info.name} is a cloud model: it runs with the context ollama.com gives it.`)
        }
        const check = checkNumCtx(numCtx, info.trainedContext)
        if (!check.ok) throw new AppFailure('INVALID_NUM_CTX', check.message)
      }
      deps.settings.setNumCtx(info.name, numCtx)
      return { model: { ...info, customNumCtx: numCtx } }
    },
  }
}
