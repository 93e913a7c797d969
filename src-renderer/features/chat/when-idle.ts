/** Cancels what `whenIdle` scheduled. */
export type CancelIdle = () => void

/** Runs `callback` when the browser is idle (soon, where there is no `requestIdleCallback`, as in jsdom). */
export function whenIdle(callback: () => void): CancelIdle {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: 500 })
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(callback, 0)
  return () => clearTimeout(timer)
}
