/** Rows `from` (inclusive) to `to` (exclusive) of the list, rendered in full; the rest are placeholders. */
export interface RowRange {
  from: number
  to: number
}

/** Where a row is on screen (viewport coordinates). */
export interface RowBox {
  top: number
  bottom: number
}

/**
 * The rows whose boxes reach into the band `top`…`bottom` (viewport coordinates), found by binary search over
 * the rows in order: a few reads of layout (which is clean when a scroll event runs), never one per row.
 */
export function rowsWithin(box: (index: number) => RowBox, count: number, top: number, bottom: number): RowRange {
  const firstAtOrAfter = (from: number, test: (index: number) => boolean) => {
    let low = from
    let high = count
    while (low < high) {
      const middle = (low + high) >>> 1
      if (test(middle)) high = middle
      else low = middle + 1
    }
    return low
  }
  const from = Math.min(
    firstAtOrAfter(0, (index) => box(index).bottom > top),
    count - 1,
  )
  const to = firstAtOrAfter(from, (index) => box(index).top >= bottom)
  return { from, to: Math.max(to, from + 1) }
}

/** `outer` holds every row of `inner`. */
export const covers = (outer: RowRange, inner: RowRange): boolean => outer.from <= inner.from && outer.to >= inner.to

/** The smallest range holding both. */
export const union = (a: RowRange, b: RowRange): RowRange => ({
  from: Math.min(a.from, b.from),
  to: Math.max(a.to, b.to),
})

/** Rows around `index`, for a jump to a row not rendered yet; the next measurement fills the screen around it. */
export const around = (index: number, count: number, span: number): RowRange => ({
  from: Math.max(0, index - span),
  to: Math.min(count, index + span + 1),
})

/**
 * Where the window was cut: `to: 'end'` follows new messages at the end; `fromKey` is the key of the row at `from`
 * then, so rows coming in above it do not move the window off its rows (see `followRows`).
 */
export interface CutWindow {
  from: number
  to: number | 'end'
  fromKey: string | undefined
}

/**
 * The window moved down by as many rows as came in above its first row since it was cut (a long conversation's older
 * messages arrive after its newest; the "no longer sees" divider appears), so it keeps the same rows rendered
 * rather than thousands of others. When its first row is gone (an edit dropped it), the indexes stay.
 */
export function followRows(cut: CutWindow, rows: ReadonlyArray<{ key: string }>): CutWindow {
  if (cut.fromKey === undefined || rows[cut.from]?.key === cut.fromKey) return cut
  const index = rows.findIndex((row) => row.key === cut.fromKey)
  if (index < 0) return cut
  const shift = index - cut.from
  return { from: index, to: cut.to === 'end' ? 'end' : cut.to + shift, fromKey: cut.fromKey }
}
