import { setImmediate as nextTurn } from 'node:timers/promises'

/**
 * For long loops on the main thread: `await pause()` after each item gives the event loop a turn once `budgetMs`
 * of work has gone by since the last one, so a pass over thousands of models (reading a big listing, the clean-up)
 * never holds up the window's requests (or Ollama's answers) for longer than that. Costs nothing while the slice
 * lasts. A slicer may be shared by loops that run one after another and by the workers of one map: the workers that
 * find the slice used up all wait for the same turn, and then share one new slice (each starting a slice of its own
 * would let four workers hold the event loop for four slices in a row).
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> {
  let sliceStart = performance.now()
  let turn: Promise<void> | null = null
  return async () => {
    if (turn === null && performance.now() - sliceStart < budgetMs) return
    turn ??= nextTurn().then(() => {
      sliceStart = performance.now()
      turn = null
    })
    await turn
  }
}
