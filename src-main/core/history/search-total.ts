import type { HistoryDatabase } from './database'
import { SHOWN_MESSAGE } from './search-page-keys'
import type { MatchQueries } from './search-query'

/**
 * Past this many hits the total is not counted to the end: the window says "more than 2,000", which tells a
 * person as much as the exact number would, and a word in most of the history would otherwise be read in full
 * (every match joined to its message) before the first page could answer.
 */
export const SEARCH_TOTAL_CAP = 2_000

/** How many hits a search has in all; `atLeast` when there are more than `count` (the cap). */
export interface SearchTotal {
  count: number
  atLeast: boolean
}

/**
 * Counts the hits `createPageKeys` pages through: every shown message matching in its text, plus one per
 * conversation that matches only by its title (all its shown messages are title-only rows). Both counts use the
 * hit queries' own condition (`SHOWN_MESSAGE`).
 */
export function createSearchTotal(db: HistoryDatabase): (queries: MatchQueries) => SearchTotal {
  const contentHits = db.prepare<[{ inContent: string; cap: number }], { n: number }>(
    `SELECT count(*) AS n FROM (
       SELECT 1 FROM message_search s
       CROSS JOIN messages m ON m.pk = s.rowid
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE s.message_search MATCH @inContent AND ${SHOWN_MESSAGE}
       LIMIT @cap)`,
  )
  const titleOnlyConversations = db.prepare<[{ titleOnly: string }], { n: number }>(
    `WITH per_conversation AS (
       SELECT m.conversation_id, count(*) AS rows FROM message_search s
       CROSS JOIN messages m ON m.pk = s.rowid
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE s.message_search MATCH @titleOnly AND ${SHOWN_MESSAGE}
       GROUP BY m.conversation_id
     )
     SELECT count(*) AS n FROM per_conversation p
     WHERE p.rows = (SELECT count(*) FROM messages WHERE conversation_id = p.conversation_id AND on_path = 1)`,
  )

  return (queries) => {
    const content = contentHits.get({ inContent: queries.inContent, cap: SEARCH_TOTAL_CAP + 1 })?.n ?? 0
    if (content > SEARCH_TOTAL_CAP) return { count: SEARCH_TOTAL_CAP, atLeast: true }
    const count = content + (titleOnlyConversations.get({ titleOnly: queries.titleOnly })?.n ?? 0)
    return count > SEARCH_TOTAL_CAP ? { count: SEARCH_TOTAL_CAP, atLeast: true } : { count, atLeast: false }
  }
}
