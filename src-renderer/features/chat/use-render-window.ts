import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import type { MessageRow } from './message-rows'
import { runLayout } from './MessageRun'
import { around, covers, followRows, rowsWithin, union, type CutWindow, type RowRange } from './render-window'
import { renderedRow, rowBoxes, selectedRows, type ListLayout } from './row-boxes'
import { rowHeight, type RowHeights } from './row-heights'
import { runsAround, type RowRun } from './row-runs'
import { whenIdle } from './when-idle'

// Before anything is measured: the newest rows, as many as (by their guessed heights) fill this many screens. The
// fewer rows the first frame renders, the sooner it paints; the rest of the overscan follows while idle.
const INITIAL_SCREENS = 1.5
// Rendered beyond the screen, in screen heights: scrolling this far needs no render.
const OVERSCAN_SCREENS = 1
// The window is cut again once the screen comes this close to its edge.
const MARGIN_SCREENS = 0.25
// A window this many times what the screen needs (after a selection let it grow) is cut back.
const TOO_WIDE = 3
// A jump to a row not rendered renders this many rows either side of it first. At the smallest guessed height of a
// message (a one-line reply, 64 px, plus the 24-px gap: row-heights.ts) 8 rows reach 700 px, more than half of an
// 800-px screen, so the target lands with its screen rendered and the measurement after the jump only adds the
// overscan; more rows would be rendered only for that measurement to cut them again.
const JUMP_SPAN = 8
// While text is selected, the rows it runs through stay rendered, up to this many rows in all: scrolled further
// (a jump, a find far away), the window leaves them and the selection goes, rather than render everything between.
// 120: a message rendered in full costs about 2.7 ms (the 13.5 s to open 5,000 of them), so keeping 120
// costs at most ~0.3 s once, and at typical heights they span some 15–20 screens, more than a selection dragged by
// hand usually does; beyond that, rendering every row between the ends would be the 5,000-row list again.
const MAX_KEPT_ROWS = 120
// The overscan (rows beyond the screen, so that scrolling a little renders nothing) waits for an idle moment, but
// no longer than this: the screen itself is already rendered, and a page that is never idle (a reply streaming)
// still gets its overscan before a reader is likely to scroll, while the screen's own first frames go first.
const OVERSCAN_IDLE_TIMEOUT_MS = 500

/** `null`: nothing measured yet (the newest rows); otherwise where the window was cut (see `CutWindow`). */
type WindowState = CutWindow | null

function resolve(state: WindowState, rows: readonly MessageRow[], heights: RowHeights): RowRange {
  const count = rows.length
  if (state === null) return { from: newestFilling(rows, heights, globalThis.innerHeight * INITIAL_SCREENS), to: count }
  const { from, to: end } = followRows(state, rows)
  const to = end === 'end' ? count : Math.min(end, count)
  return { from: Math.min(from, Math.max(0, to - 1)), to }
}

/** Where the newest rows that fill `height` (by their known or guessed heights) begin. */
function newestFilling(rows: readonly MessageRow[], heights: RowHeights, height: number): number {
  let filled = 0
  let from = rows.length
  while (from > 0 && filled < height) {
    from -= 1
    const row = rows[from]
    filled += row ? rowHeight(row, heights) : 0
  }
  return from
}

const toState = (range: RowRange, rows: readonly MessageRow[]): WindowState => ({
  from: range.from,
  to: range.to >= rows.length ? 'end' : range.to,
  fromKey: rows[range.from]?.key,
})

/** What the message list renders in full, and how to move that window. */
export interface RenderWindow {
  range: RowRange
  /** The runs of placeholders before and after the window. */
  above: readonly RowRun[]
  below: readonly RowRun[]
  /** Measures where the screen is and re-cuts the window if it no longer covers it (call on scroll). */
  update: () => void
  /** Renders the rows around `index`, then hands its element to `then` (to scroll it into view). */
  reveal: (index: number, then: (row: Element) => void) => void
}

/**
 * Which rows of a long list are rendered in full: those on screen and a screen's height either side. The rest are
 * runs of placeholders at their rows' last or guessed heights, in normal flow, so the browser's own layout places
 * everything and its scroll anchoring keeps the reader's place when a row above changes height; where a row inside
 * a run is follows from the run's box and those same heights. While text is selected in the list the window only
 * keeps the rows the selection runs through (see `MAX_KEPT_ROWS`), so the selection survives scrolling.
 */
export function useRenderWindow(
  scrollRef: RefObject<HTMLElement | null>,
  listRef: RefObject<HTMLElement | null>,
  rows: readonly MessageRow[],
  heights: RowHeights,
): RenderWindow {
  const [state, setState] = useState<WindowState>(null)
  const pendingReveal = useRef<{ index: number; then: (row: Element) => void } | null>(null)
  const count = rows.length
  const range = resolve(state, rows, heights)
  const { from, to } = range
  const layout: ListLayout = useMemo(
    () => ({ window: { from, to }, ...runsAround({ from, to }, count) }),
    [from, to, count],
  )

  const update = useCallback(
    (reach: 'needed' | 'wanted' = 'needed') => {
      const scroller = scrollRef.current
      const list = listRef.current
      // A list not laid out (a hidden page; jsdom) keeps the rows it has.
      if (!scroller || !list || count === 0 || scroller.clientHeight === 0) return
      const box = rowBoxes(list, layout, (run) => runLayout(rows, run.from, run.to, heights))
      const screen = scroller.getBoundingClientRect()
      const height = scroller.clientHeight
      const needed = rowsWithin(
        box,
        count,
        screen.top - height * MARGIN_SCREENS,
        screen.bottom + height * MARGIN_SCREENS,
      )
      const wanted = rowsWithin(
        box,
        count,
        screen.top - height * OVERSCAN_SCREENS,
        screen.bottom + height * OVERSCAN_SCREENS,
      )
      const current = layout.window
      // A scroll inside the window changes nothing: no row's geometry is read beyond the few reads of the search above.
      if (
        covers(current, reach === 'needed' ? needed : wanted) &&
        current.to - current.from <= TOO_WIDE * (wanted.to - wanted.from)
      )
        return
      // The window is about to move: its rows keep their heights as the placeholders they may become.
      recordHeights(list, layout, rows, heights)
      const selected = selectedRows(list, layout)
      const kept = selected && union(selected, wanted)
      const next = kept && kept.to - kept.from <= MAX_KEPT_ROWS ? kept : wanted
      if (state !== null && next.from === current.from && next.to === current.to) return
      setState(toState(next, rows))
    },
    [scrollRef, listRef, state, count, rows, layout, heights],
  )

  const reveal = useCallback(
    (index: number, then: (row: Element) => void) => {
      const list = listRef.current
      // The jump moves the window without `update`: its rows keep their heights as placeholders all the same.
      if (list) recordHeights(list, layout, rows, heights)
      pendingReveal.current = { index, then }
      setState(toState(around(index, count, JUMP_SPAN), rows))
    },
    [count, rows, listRef, layout, heights],
  )

  // After each change of the window or the list: a pending jump first (so the measurement sees where it went),
  // then fill the screen, which may take one more pass when guessed heights were off.
  useLayoutEffect(() => {
    const pending = pendingReveal.current
    const list = listRef.current
    const row = pending && list ? renderedRow(list, layout, pending.index) : undefined
    if (pending && row?.hasAttribute('data-message-id')) {
      pendingReveal.current = null
      pending.then(row)
    }
    update()
  }, [state, update, listRef, layout])

  // What the screen needs is rendered before a frame paints; the rest of the overscan (so that scrolling a little
  // renders nothing) waits for an idle moment, as it does after the first frame of a conversation.
  useEffect(() => whenIdle(() => update('wanted'), { timeoutMs: OVERSCAN_IDLE_TIMEOUT_MS }), [update])

  return { range: layout.window, above: layout.above, below: layout.below, update, reveal }
}

/** Notes the height of each row rendered in full, so it keeps that height once it is a placeholder again. */
function recordHeights(list: Element, layout: ListLayout, rows: readonly MessageRow[], heights: RowHeights): void {
  for (let index = layout.window.from; index < layout.window.to; index++) {
    const element = renderedRow(list, layout, index)
    const row = rows[index]
    if (element && row) heights.set(row.key, element.getBoundingClientRect().height)
  }
}
