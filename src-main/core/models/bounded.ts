/**
 * Runs `work` over `items` with at most `limit` calls in flight and returns the results in input order. `limit` is a
 * number, or a function read each time a call could start (so an `AdaptiveConcurrency` can raise or lower it while
 * the map runs; below 1 counts as 1). A failing call rejects the whole map (no new call starts; those already
 * started settle first), so callers that want per-item outcomes catch inside `work`.
 */
export function mapBounded<T, R>(
  items: readonly T[],
  limit: number | (() => number),
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const currentLimit = () => Math.max(1, Math.floor(typeof limit === 'number' ? limit : limit()))
  return new Promise((resolve, reject) => {
    const results = new Array<R>(items.length)
    let next = 0
    let running = 0
    let failure: { error: unknown } | null = null
    const pump = (): void => {
      while (failure === null && next < items.length && running < currentLimit()) {
        const index = next++
        running++
        // Async, so a `work` that throws before returning its promise fails like one that rejects.
        const call = (async () => work(items[index] as T, index))()
        call
          .then(
            (value) => void (results[index] = value),
            (error: unknown) => void (failure ??= { error }),
          )
          .finally(() => {
            running--
            pump()
          })
      }
      if (running > 0) return
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on work's own failure as it was
      if (failure !== null) reject(failure.error)
      else if (next >= items.length) resolve(results)
    }
    pump()
  })
}
