import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { around, covers, holdsSelection, rowsWithin, union, type RowRange } from './render-window'
import type { RowHeights } from './row-heights'

// Before anything is measured: the newest rows, more than a tall screen shows.
const INITIAL_ROWS = 24
// Rendered beyond the screen, in screen heights: scrolling this far needs no render.
const OVERSCAN_SCREENS = 1
// The window is cut again once the screen comes this close to its edge.
const MARGIN_SCREENS = 0.25
// A window this many times what the screen needs (after a selection let it grow) is cut back.
const TOO_WIDE = 3
const JUMP_SPAN = 8

/** `null`: nothing measured yet (the newest rows); `to: 'end'` follows new messages at the end. */
type WindowState = { from: number; to: number | 'end' } | null

function resolve(state: WindowState, count: number): RowRange {
  if (state === null) return { from: Math.max(0, count - INITIAL_ROWS), to: count }
  const to = state.to === 'end' ? count : Math.min(state.to, count)
  return { from: Math.min(state.from, Math.max(0, to - 1)), to }
}

const toState = (range: RowRange, count: number): WindowState => ({ from: range.from, to: range.to >= count ? 'end' : range.to })

/** What the message list renders in full, and how to move that window. */
export interface RenderWindow {
  range: RowRange
  /** Measures where the screen is and re-cuts the window if it no longer covers it (call on scroll). */
  update: () => void
  /** Renders the rows around `index`, then hands its element to `then` (to scroll it into view). */
  reveal: (index: number, then: (row: Element) => void) => void
}

/**
 * Which rows of a long list are rendered in full: those on screen and a screen's height either side. The rows
 * stay in normal flow (the others as placeholders of their last or guessed height), so positions come from the
 * browser's own layout rather than a second model of it, and the browser's scroll anchoring keeps the reader's
 * place when a row above changes height. While text is selected in the list the window only grows, so the
 * selection survives scrolling.
 */
export function useRenderWindow(
  scrollRef: RefObject<HTMLElement | null>,
  listRef: RefObject<HTMLElement | null>,
  count: number,
  heights: RowHeights,
): RenderWindow {
  const [state, setState] = useState<WindowState>(null)
  const pendingReveal = useRef<{ index: number; then: (row: Element) => void } | null>(null)

  const update = useCallback(() => {
    const scroller = scrollRef.current
    const list = listRef.current
    // A list not laid out (a hidden page; jsdom) keeps the rows it has.
    if (!scroller || !list || count === 0 || scroller.clientHeight === 0) return
    const rows = list.children
    const measurable = Math.min(rows.length, count)
    const screen = scroller.getBoundingClientRect()
    const height = scroller.clientHeight
    const needed = rowsWithin(rows, measurable, screen.top - height * MARGIN_SCREENS, screen.bottom + height * MARGIN_SCREENS)
    const wanted = rowsWithin(rows, measurable, screen.top - height * OVERSCAN_SCREENS, screen.bottom + height * OVERSCAN_SCREENS)
    const current = resolve(state, count)
    recordHeights(rows, current, heights)
    if (covers(current, needed) && current.to - current.from <= TOO_WIDE * (wanted.to - wanted.from)) return
    const next = holdsSelection(list) ? union(current, wanted) : wanted
    if (state !== null && next.from === current.from && next.to === current.to) return
    setState(toState(next, count))
  }, [scrollRef, listRef, state, count, heights])

  const reveal = useCallback(
    (index: number, then: (row: Element) => void) => {
      pendingReveal.current = { index, then }
      setState(toState(around(index, count, JUMP_SPAN), count))
    },
    [count],
  )

  // After each change of the window or the list: a pending jump first (so the measurement sees where it went),
  // then fill the screen, which may take one more pass when guessed heights were off.
  useLayoutEffect(() => {
    const pending = pendingReveal.current
    const row = pending ? listRef.current?.children[pending.index] : undefined
    if (pending && row?.hasAttribute('data-message-id')) {
      pendingReveal.current = null
      pending.then(row)
    }
    update()
  }, [state, update, listRef])

  return { range: resolve(state, count), update, reveal }
}

/** Notes the height of each row rendered in full, so it keeps that height once it is a placeholder again. */
function recordHeights(rows: HTMLCollection, range: RowRange, heights: RowHeights): void {
  for (let index = range.from; index < Math.min(range.to, rows.length); index++) {
    const row = rows[index]
    const id = row?.getAttribute('data-message-id')
    if (row && id) heights.set(id, row.getBoundingClientRect().height)
  }
}
