/** Cancels what `whenIdle` scheduled. */
export type CancelIdle = () => void

/** How much of the idle moment is left (`IdleDeadline`'s part that matters here). */
export interface IdleTime {
  timeRemaining(): number
}

// Where there is no requestIdleCallback (jsdom): a task soon, with as long as a browser grants an idle page at most
// (the spec's 50 ms idle period).
const FALLBACK_IDLE_MS = 50

/**
 * Runs `callback` when the browser is idle, handing it the idle moment's deadline. With `timeoutMs` it runs by
 * then even if the page never idles (a task like any other then: keep such work small); without, only when idle.
 */
export function whenIdle(callback: (deadline: IdleTime) => void, options: { timeoutMs?: number } = {}): CancelIdle {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(
      callback,
      options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
    )
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(() => {
    const start = performance.now()
    callback({ timeRemaining: () => Math.max(0, FALLBACK_IDLE_MS - (performance.now() - start)) })
  }, 0)
  return () => clearTimeout(timer)
}
