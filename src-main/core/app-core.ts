import type { Channel, Out } from '../../src-shared/ipc/contract'
import type { Result } from '../../src-shared/ipc/result'
import type { Core, CoreDeps } from './core-types'
import { createCoreEvents } from './events'
import { toAppError } from './ipc/error-mapping'
import { createConsoleLogger } from './log'
import { openCore, type OpenCore } from './open-core'

/**
 * The composition root both shells drive. Building it does no I/O: no file is opened or written and nothing is
 * sent to Ollama until `open()`, `start()` or the first request, whichever comes first (`open-core.ts` does it).
 */
export function createCore(deps: CoreDeps): Core {
  const log = deps.log ?? createConsoleLogger()
  // Before anything opens: the shells subscribe at once, and a core that could not open still has its events.
  const events = createCoreEvents(log)
  let opened: OpenCore | null = null
  /** Opens once; a failed open leaves nothing behind, so the next use tries again (the person may have fixed it). */
  const open = (): OpenCore => (opened ??= openCore(deps, { log, events }))

  return {
    events,
    open() {
      open()
    },
    async dispatch<C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>> {
      let core: OpenCore
      try {
        core = open()
      } catch (error) {
        return { ok: false, error: toAppError(error, log, 'opening the chat history') }
      }
      return core.dispatch(channel, input)
    },
    start() {
      open().start()
    },
    async stop() {
      // A core never opened has nothing to close, and must not open its files only to close them.
      await opened?.stop()
    },
  }
}
