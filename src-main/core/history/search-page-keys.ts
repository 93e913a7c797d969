import type { HistoryDatabase } from './database'
import type { SearchCursor } from './search-cursor'
import { createNewestKeys } from './search-newest-keys'
import type { MatchQueries } from './search-query'
import { createRankedKeys } from './search-ranked-keys'

export { SHOWN_MESSAGE } from './search-shown-message'

/**
 * Up to this many matching messages, hits are ranked by bm25; beyond, newest first. Ranking needs a score for
 * every match, so its cost grows with the match count (a common word: most of the history, near a second over
 * 100,000 messages); newest-first reads the index backwards and stops at the page. When a word is that common,
 * relevance tells the hits apart little anyway, and the latest conversation is the likelier one sought.
 */
export const RANKED_MAX_MATCHES = 2_000

/**
 * Where a page starts: a cursor from an earlier page (which pins the order), or an offset into the hits in the
 * order the match count picks (0 for a first page).
 */
export type PagePosition = SearchCursor | { order: 'by-count'; skip: number }

/** The message keys (rowids) of one page of hits, in hit order, and where the page started, with its order pinned. */
export interface PageKeysResult {
  keys: number[]
  start: SearchCursor
}

/** Picks up to `take` message keys from `position` on. */
export type PageKeys = (queries: MatchQueries, take: number, position: PagePosition) => PageKeysResult

/**
 * A message is a hit when it has every word (in its text or its conversation's title) and at least one in its
 * text. A conversation that has every word in its title but none in any message yields one hit, its first
 * message; one that also matches in its messages yields only those. Soft-deleted conversations never appear, nor
 * messages off the path a conversation shows (other versions of a reply or an edited message).
 *
 * The two orders are read by their own queries (search-ranked-keys.ts, search-newest-keys.ts); this picks one
 * by the match count and pins it in the page's start, so later pages keep it.
 */
export function createPageKeys(db: HistoryDatabase): PageKeys {
  const countUpTo = db.prepare<[{ match: string; cap: number }], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT rowid FROM message_search WHERE message_search MATCH @match LIMIT @cap)',
  )
  const newestMessage = db.prepare<[], { pk: number | null }>('SELECT max(pk) AS pk FROM messages')
  const rankedFrom = createRankedKeys(db)
  const newestFirst = createNewestKeys(db)

  return (queries, take, position) => {
    if (position.order === 'newest') return { start: position, keys: newestFirst(queries, take, position.below, 0) }
    if (position.order === 'ranked')
      return { start: position, keys: rankedFrom(queries, take, position.skip, position.upTo) }
    const { skip } = position
    const matches = countUpTo.get({ match: queries.all, cap: RANKED_MAX_MATCHES + 1 })?.n ?? 0
    if (matches <= RANKED_MAX_MATCHES) {
      const start = { order: 'ranked', skip, upTo: newestMessage.get()?.pk ?? 0 } as const
      return { start, keys: matches === 0 ? [] : rankedFrom(queries, take, skip, start.upTo) }
    }
    const below = Number.MAX_SAFE_INTEGER
    return { start: { order: 'newest', below }, keys: newestFirst(queries, take, below, skip) }
  }
}
