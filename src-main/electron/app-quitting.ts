/**
 * How the desktop app quits: closing the last window quits except on macOS, and a quit is held until the core has
 * stopped (saving a streaming reply, closing Ollama clients) or a bound has passed, so a stuck stop never hangs it.
 */
import type { Core } from '../core/core-types'
import type { Logger } from '../core/log'
import { describeError } from './describe-error'
import type { AppLike } from './electron-like'
import type { Updates } from './updater'

/** How long quitting waits for `core.stop()` before giving up on it. */
export const STOP_TIMEOUT_MS = 5_000

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects. */
async function settleWithin(work: () => Promise<void>, ms: number, log: Logger): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  // An async IIFE calls `work` synchronously, so stopping begins at once, and turns a throw into a log line.
  const done = (async () => {
    try {
      await work()
    } catch (error) {
      log.error('core.stop failed', { error: describeError(error) })
    }
    return 'done' as const
  })()
  const outcome = await Promise.race([done, timeout])
  clearTimeout(timer)
  if (outcome === 'timeout') log.warn('gave up waiting for the core to stop', { timeoutMs: ms })
}

export interface QuittingDeps {
  app: AppLike
  platform: NodeJS.Platform
  log: Logger
  stopTimeoutMs: number
  /** The core once it has opened; a quit before that has nothing to stop and goes through untouched. */
  core: () => Core | undefined
  /** The update checks, stopped first so no check starts while the core stops. */
  updates: () => Updates | undefined
}

/** Whether the app is still running: once a quit has begun, no window may open. */
export interface Quitting {
  isRunning: () => boolean
}

/** Listens for `window-all-closed` and `before-quit`; the core is stopped once however often quit is asked. */
export function handleQuitting({ app, platform, log, stopTimeoutMs, core, updates }: QuittingDeps): Quitting {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit()
  })
  app.on('before-quit', (event) => {
    const stopping = core()
    if (!stopping || state === 'stopped') return
    event.preventDefault()
    if (state === 'stopping') return
    state = 'stopping'
    updates()?.stop()
    void settleWithin(() => stopping.stop(), stopTimeoutMs, log).then(() => {
      state = 'stopped'
      app.quit()
    })
  })
  return { isRunning: () => state === 'running' }
}
