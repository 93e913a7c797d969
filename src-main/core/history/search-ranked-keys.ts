import type { HistoryDatabase } from './database'
import type { MatchQueries } from './search-query'
import { SHOWN_MESSAGE } from './search-shown-message'

/** Hits at or below the message key `upTo`, best bm25 score first, `take` of them after passing over `skip`. */
export type RankedKeys = (queries: MatchQueries, take: number, skip: number, upTo: number) => number[]

/**
 * For few matches: every one is scored. The window functions find, per conversation, whether any message matched
 * in its text and which is the first title-only one (see `createPageKeys` for what a hit is).
 */
export function createRankedKeys(db: HistoryDatabase): RankedKeys {
  const ranked = db.prepare<
    [{ all: string; inContent: string; take: number; skip: number; upTo: number }],
    { pk: number }
  >(
    `WITH content_hits AS (
       SELECT rowid AS pk FROM message_search WHERE message_search MATCH @inContent
     ), hits AS (
       SELECT m.pk, m.conversation_id, m.seq, m.created_at, matched.score, m.pk IN (SELECT pk FROM content_hits) AS in_content
       FROM (SELECT rowid AS pk, bm25(message_search, 1.0, 0.5) AS score
             FROM message_search WHERE message_search MATCH @all) AS matched
       JOIN messages m ON m.pk = matched.pk
       JOIN conversations c ON c.id = m.conversation_id
       WHERE ${SHOWN_MESSAGE} AND m.pk <= @upTo
     ), marked AS (
       SELECT *, row_number() OVER (PARTITION BY conversation_id, in_content ORDER BY seq) AS nth,
         max(in_content) OVER (PARTITION BY conversation_id) AS conversation_has_content_hit
       FROM hits
     )
     SELECT pk FROM marked WHERE in_content OR (nth = 1 AND NOT conversation_has_content_hit)
     ORDER BY score, created_at DESC LIMIT @take OFFSET @skip`,
  )
  return (queries, take, skip, upTo) =>
    ranked.all({ all: queries.all, inContent: queries.inContent, take, skip, upTo }).map((row) => row.pk)
}
