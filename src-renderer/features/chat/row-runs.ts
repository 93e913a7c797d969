import type { RowRange } from './render-window'

/**
 * Rows per run. Off screen, the list shows runs of rows rather than rows: one box per run for the browser to lay
 * out and to track for `content-visibility: auto`, so a 5,000-message list is about eighty boxes, not 5,000.
 * Runs start at fixed row indexes, so a run keeps its React key (and its rendered placeholders) as the window
 * moves, and only the two runs at the window's edges change.
 */
export const RUN_ROWS = 64

/** The space between two rows of the list (and between the rows inside a run): `--message-gap` in messages.css. */
export const ROW_GAP_PX = 24

/** Rows `from` (inclusive) to `to` (exclusive), outside the window, shown as one box. */
export interface RowRun {
  key: string
  /** The run's place among all runs of the list (its fixed slot: rows `index * RUN_ROWS` onwards). */
  index: number
  from: number
  to: number
}

/** The runs before and after `window` in a list of `count` rows. */
export function runsAround(window: RowRange, count: number): { above: RowRun[]; below: RowRun[] } {
  return { above: runsOf(0, window.from, 'above'), below: runsOf(window.to, count, 'below') }
}

function runsOf(from: number, to: number, side: 'above' | 'below'): RowRun[] {
  const runs: RowRun[] = []
  for (let start = from; start < to;) {
    const index = Math.floor(start / RUN_ROWS)
    const end = Math.min(to, (index + 1) * RUN_ROWS)
    // The run the window sits in may show on both sides of it: the side keeps the two apart.
    runs.push({ key: `run-${index}-${side}`, index, from: start, to: end })
    start = end
  }
  return runs
}

/** How many runs a list of `count` rows has in all. */
export const runCount = (count: number): number => Math.ceil(count / RUN_ROWS)

/**
 * Where each row of a run starts, from the run's top: the heights of the rows before it and the gaps between
 * them. The run is laid out the same way (placeholders of these heights, `ROW_GAP_PX` apart), so this is also
 * where the browser puts them.
 */
export function offsetsInRun(heights: readonly number[]): { tops: number[]; height: number } {
  const tops: number[] = []
  let top = 0
  for (const height of heights) {
    tops.push(top)
    top += height + ROW_GAP_PX
  }
  return { tops, height: Math.max(0, top - ROW_GAP_PX) }
}
