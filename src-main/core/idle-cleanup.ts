import { messageOf } from './guards'
import type { Logger } from './log'
import type { CleanupReport } from './models/temp-model-manager'

/** The clean-up of unused temporary models while the app is open, whenever it has been idle for a while. */
export interface IdleCleanup {
  /** Something happened (a reply ended): the idle time starts again. */
  touch(): void
  stop(): void
}

/**
 * Runs `cleanup` once the app has been idle for `idleMs` (no reply or summary running, nothing touched meanwhile),
 * then waits for the next idle stretch. A model in use is never touched: the clean-up keeps what a reply holds or
 * Ollama has loaded. Failures are logged; the timer goes on.
 */
export function createIdleCleanup(deps: {
  idleMs: number
  isBusy(): boolean
  cleanup(): Promise<CleanupReport>
  log: Logger
}): IdleCleanup {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const schedule = () => {
    if (stopped) return
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => void run(), deps.idleMs)
    timer.unref?.()
  }
  const run = async () => {
    timer = undefined
    if (deps.isBusy()) return schedule()
    try {
      const report = await deps.cleanup()
      if (report.deleted.length > 0)
        deps.log.info('cleaned up unused temporary models while idle', { deleted: report.deleted })
    } catch (error) {
      deps.log.info('the idle clean-up of temporary models did not run', { error: messageOf(error) })
    }
  }

  return {
    touch: schedule,
    stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}
