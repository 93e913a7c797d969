import type { RowBox, RowRange } from './render-window'
import { RUN_ROWS, type RowRun } from './row-runs'

/** What the list shows, in order: runs above the window, the rows of the window, runs below. */
export interface ListLayout {
  window: RowRange
  above: readonly RowRun[]
  below: readonly RowRun[]
}

/** The list's child element of row `index` when it is rendered in full (inside the window), else undefined. */
export function renderedRow(list: Element, layout: ListLayout, index: number): Element | undefined {
  const { window, above } = layout
  if (index < window.from || index >= window.to) return undefined
  return list.children[above.length + index - window.from] ?? undefined
}

/**
 * Where each row is on screen: a row of the window from its own element, a row inside a run from the run's box
 * and the heights of the rows before it in the run (`runOffsets`), as the run lays them out. A run's box is read
 * once per call of the returned function's owner, however many rows of it are asked about.
 */
export function rowBoxes(
  list: Element,
  layout: ListLayout,
  runOffsets: (run: RowRun) => { tops: readonly number[]; heights: readonly number[] },
): (index: number) => RowBox {
  const { window, above, below } = layout
  const runTops = new Map<RowRun, number>()
  const runOf = (index: number): { run: RowRun; element: Element | undefined } | undefined => {
    if (index < window.from) {
      const position = Math.floor(index / RUN_ROWS)
      const run = above[position]
      return run && { run, element: list.children[position] }
    }
    const first = below[0]
    if (first === undefined) return undefined
    const position = Math.floor(index / RUN_ROWS) - first.index
    const run = below[position]
    return run && { run, element: list.children[above.length + window.to - window.from + position] }
  }
  return (index) => {
    const row = renderedRow(list, layout, index)
    if (row) {
      const { top, bottom } = row.getBoundingClientRect()
      return { top, bottom }
    }
    const found = runOf(index)
    if (!found?.element) return { top: Number.POSITIVE_INFINITY, bottom: Number.POSITIVE_INFINITY }
    const { run, element } = found
    let runTop = runTops.get(run)
    if (runTop === undefined) {
      runTop = element.getBoundingClientRect().top
      runTops.set(run, runTop)
    }
    const offsets = runOffsets(run)
    const top = runTop + (offsets.tops[index - run.from] ?? 0)
    return { top, bottom: top + (offsets.heights[index - run.from] ?? 0) }
  }
}

/**
 * The rows rendered in full that the reader's selection runs through (from its first to its last end inside the
 * window; an end in a run above or below counts as the window's edge on that side), or null when no end of a
 * selection is in the list. These must stay rendered while the selection lasts, or it would lose its ends.
 */
export function selectedRows(list: Element, layout: ListLayout): RowRange | null {
  const selection = list.ownerDocument.getSelection()
  if (selection === null || selection.isCollapsed || selection.rangeCount === 0) return null
  const { window, above } = layout
  const rowOf = (node: Node | null): number | null => {
    let child: Node | null = node
    while (child !== null && child.parentNode !== list) child = child.parentNode
    if (child === null) return null
    const position = Array.from(list.children).indexOf(child as Element)
    if (position < 0) return null
    if (position < above.length) return window.from
    return Math.min(window.from + position - above.length, window.to - 1)
  }
  const ends = [rowOf(selection.anchorNode), rowOf(selection.focusNode)].filter((row): row is number => row !== null)
  if (ends.length === 0) return null
  return { from: Math.min(...ends), to: Math.max(...ends) + 1 }
}
