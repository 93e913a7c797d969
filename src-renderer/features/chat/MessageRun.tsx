import { memo, useLayoutEffect, useRef } from 'react'
import type { MessageRow } from './message-rows'
import { applyPlaceholderHeights, placeholderHtml } from './placeholder-html'
import { offsetsInRun } from './row-runs'
import { rowHeight, type RowHeights } from './row-heights'

interface MessageRunProps {
  rows: readonly MessageRow[]
  from: number
  to: number
  heights: RowHeights
  /** Whether its placeholders are in the page yet: a long list opens with empty runs, filled in while idle. */
  filled: boolean
}

/** The heights of rows `from`…`to` as placeholders, and the run's height: what the list's geometry reckons with too. */
export function runLayout(
  rows: readonly MessageRow[],
  from: number,
  to: number,
  heights: RowHeights,
): { tops: number[]; heights: number[]; height: number } {
  const rowHeights: number[] = []
  for (let index = from; index < to; index++) {
    const row = rows[index]
    rowHeights.push(row ? rowHeight(row, heights) : 0)
  }
  return { ...offsetsInRun(rowHeights), heights: rowHeights }
}

/**
 * Rows outside the rendered window as one box of their total height (`content-visibility: auto`: laid out and
 * painted only when it comes on screen) holding a plain-text placeholder per row. A role of none: its placeholders
 * read as a list of their own, in order with the rows around.
 */
export const MessageRun = memo(
  function MessageRun({ rows, from, to, heights, filled }: MessageRunProps) {
    const layout = runLayout(rows, from, to, heights)
    const html = filled
      ? layout.heights.map((_height, offset) => placeholderHtml(rows[from + offset] as MessageRow)).join('')
      : ''
    const list = useRef<HTMLOListElement>(null)
    // Before paint, after React wrote the HTML: the heights go through the DOM, as the CSP forbids style attributes.
    useLayoutEffect(() => {
      if (list.current) applyPlaceholderHeights(list.current, layout.heights)
    })
    return (
      <li
        className="msg-run"
        role="none"
        style={{ height: `${layout.height}px` }}
        data-pending={filled ? undefined : ''}
      >
        {filled && <ol ref={list} className="msg-run__rows" dangerouslySetInnerHTML={{ __html: html }} />}
      </li>
    )
  },
  // The list hands every run the whole rows array, which changes with any message; a run re-renders only when its
  // own rows did.
  (previous, next) =>
    previous.from === next.from &&
    previous.to === next.to &&
    previous.filled === next.filled &&
    previous.heights === next.heights &&
    sameRows(previous.rows, next.rows, next.from, next.to),
)

function sameRows(a: readonly MessageRow[], b: readonly MessageRow[], from: number, to: number): boolean {
  if (a === b) return true
  for (let index = from; index < to; index++) {
    const left = a[index]
    const right = b[index]
    if (left === right) continue
    if (left === undefined || right === undefined || left.key !== right.key) return false
    if (left.kind === 'message' && right.kind === 'message' && left.message !== right.message) return false
    if (left.kind === 'divider' && right.kind === 'divider' && left.label !== right.label) return false
    if (left.kind !== right.kind) return false
  }
  return true
}
