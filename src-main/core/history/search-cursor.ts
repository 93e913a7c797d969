import { MAX_SEARCH_OFFSET, SEARCH_CURSOR_PATTERN } from '../../../src-shared/search'

/**
 * Where the next page of a search starts, pinned to the order its first page used, so that order cannot switch
 * between pages when the match count crosses `RANKED_MAX_MATCHES` (a reply streaming in, a new message).
 *
 * - Newest first: the rowid of the last hit shown; the next page is the hits below it. Rowids are insertion order
 *   and never change (a checkpoint of a streaming reply rewrites its row in place), so new or growing messages
 *   cannot shift it: no hit is repeated, none that existed before is skipped.
 * - Ranked (bm25): an offset, and the highest message rowid when the first page was asked for; later pages ignore
 *   messages added since, so a new match cannot push the hits down. An offset stays because no key is stable in
 *   this order: every insert changes bm25's document frequencies and average length, so a (score, time) keyset
 *   would drift too; the window drops a hit it already shows (see the search slice) for the rare reorder.
 */
export type SearchCursor = { order: 'ranked'; skip: number; upTo: number } | { order: 'newest'; below: number }

/** The cursor as the opaque text the window hands back: `ranked:<skip>:<upTo>` or `newest:<below>`. */
export const formatSearchCursor = (cursor: SearchCursor): string =>
  cursor.order === 'ranked' ? `ranked:${cursor.skip}:${cursor.upTo}` : `newest:${cursor.below}`

/** Reads a cursor; `undefined` when the text is not one (the search then starts at its first page). */
export function parseSearchCursor(text: string): SearchCursor | undefined {
  if (!SEARCH_CURSOR_PATTERN.test(text)) return undefined
  const [order, first = '0', second = '0'] = text.split(':')
  if (order === 'newest') return { order, below: Number(first) }
  return { order: 'ranked', skip: Math.min(Number(first), MAX_SEARCH_OFFSET), upTo: Number(second) }
}
