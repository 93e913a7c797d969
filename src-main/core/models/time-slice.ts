import { setImmediate as nextTurn } from 'node:timers/promises'

/**
 * For long loops on the main thread: `await pause()` after each item gives the event loop a turn once `budgetMs`
 * of work has gone by since the last one, so a pass over thousands of models never holds up the window's requests
 * (or Ollama's answers) for longer than that. Costs nothing while the slice lasts.
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> {
  let sliceStart = performance.now()
  return async () => {
    if (performance.now() - sliceStart < budgetMs) return
    await nextTurn()
    sliceStart = performance.now()
  }
}

/** At most `max` entries of a list for a log line, and how many were left out: a log line stays a line. */
export function sampleForLog(items: readonly string[], max = 20): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `… and ${items.length - max} more`]
}
