import type { HistoryDatabase } from './database'
import type { SearchCursor } from './search-cursor'
import type { MatchQueries } from './search-query'

/**
 * Up to this many matching messages, hits are ranked by bm25; beyond, newest first. Ranking needs a score for
 * every match, so its cost grows with the match count (a common word: most of the history, near a second over
 * 100,000 messages); newest-first reads the index backwards and stops at the page. When a word is that common,
 * relevance tells the hits apart little anyway, and the latest conversation is the likelier one sought.
 */
export const RANKED_MAX_MATCHES = 2_000

/**
 * Which matching messages can be hits: in a conversation not in the bin, on the path the conversation shows
 * (`m` is the message, `c` its conversation). One condition for the hit queries and the total (search-total.ts),
 * so the count always counts what the pages show.
 */
export const SHOWN_MESSAGE = 'c.deleted_at IS NULL AND m.on_path = 1'

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
 * FTS5 reads a term's rows lazily from either end, but a rowid range (`rowid >= ?`) makes it seek inside every
 * segment's row list, which cost milliseconds per query on a common word: ranges are read newest first and cut
 * off here, in the loop, instead.
 */
export function createPageKeys(db: HistoryDatabase): PageKeys {
  const countUpTo = db.prepare<[{ match: string; cap: number }], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT rowid FROM message_search WHERE message_search MATCH @match LIMIT @cap)',
  )

  // Few matches: score them all. The window functions find, per conversation, whether any message matched in
  // its text and which is the first title-only one.
  const ranked = db.prepare<[{ all: string; inContent: string; take: number; skip: number; upTo: number }], { pk: number }>(
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

  // Many matches: the index read backwards (rowid is the message's insertion order), stopping at the page.
  // Read lazily and cut off in the loop (see above): the rows at or above a cursor are read and passed over.
  const newestContentHits = db.prepare<[{ inContent: string }], { pk: number }>(
    `SELECT s.rowid AS pk FROM message_search s
     CROSS JOIN messages m ON m.pk = s.rowid
     CROSS JOIN conversations c ON c.id = m.conversation_id
     WHERE s.message_search MATCH @inContent AND ${SHOWN_MESSAGE}
     ORDER BY s.rowid DESC`,
  )
  const titleOnlyRowsNewestFirst = db.prepare<[{ titleOnly: string }], { pk: number }>(
    'SELECT rowid AS pk FROM message_search WHERE message_search MATCH @titleOnly ORDER BY rowid DESC',
  )
  const newestMessage = db.prepare<[], { pk: number | null }>('SELECT max(pk) AS pk FROM messages')
  // A conversation matches by title only when every one of its messages is a title-only row; its hit is its
  // first message.
  const titleOnlyHits = db.prepare<[{ rows: string; take: number; below: number }], { pk: number }>(
    `WITH per_conversation AS (
       SELECT m.conversation_id, count(*) AS rows, min(m.seq) AS first_seq
       FROM json_each(@rows) r CROSS JOIN messages m ON m.pk = r.value
       WHERE m.on_path = 1
       GROUP BY m.conversation_id
     )
     SELECT first.pk FROM per_conversation p
     JOIN conversations c ON c.id = p.conversation_id AND c.deleted_at IS NULL
     JOIN messages first ON first.conversation_id = p.conversation_id AND first.seq = p.first_seq
     WHERE p.rows = (SELECT count(*) FROM messages WHERE conversation_id = p.conversation_id AND on_path = 1)
       AND first.pk < @below
     ORDER BY first.pk DESC LIMIT @take`,
  )

  // A title-only hit is its conversation's first message, which has its lowest rowid (messages are only ever
  // appended or cut from the end), so only rows from `from` on (the oldest content hit that made the page) can
  // add a hit to the page: the read stays short even for a word in half the titles.
  const titleOnlyRowsFrom = (titleOnly: string, from: number): number[] => {
    const rows: number[] = []
    for (const { pk } of titleOnlyRowsNewestFirst.iterate({ titleOnly })) {
      if (pk < from) break
      rows.push(pk)
    }
    return rows
  }

  const contentHitsBelow = (inContent: string, below: number, take: number): number[] => {
    const keys: number[] = []
    if (take === 0) return keys
    for (const { pk } of newestContentHits.iterate({ inContent })) {
      if (pk >= below) continue
      keys.push(pk)
      if (keys.length === take) break
    }
    return keys
  }

  // Hits below `below` (a rowid), newest first; an offset, when given, is `skip` hits more read and passed over.
  const newestFirst = (queries: MatchQueries, take: number, below: number, skip: number): number[] => {
    const wanted = take + skip
    const content = contentHitsBelow(queries.inContent, below, wanted)
    const from = content.length === wanted ? (content.at(-1) ?? 0) : 0
    const rows = titleOnlyRowsFrom(queries.titleOnly, from)
    const titleOnly = rows.length === 0 ? [] : titleOnlyHits.all({ rows: JSON.stringify(rows), take: wanted, below }).map((row) => row.pk)
    return [...content, ...titleOnly].sort((a, b) => b - a).slice(skip, wanted)
  }

  const rankedFrom = (queries: MatchQueries, take: number, skip: number, upTo: number): number[] =>
    ranked.all({ all: queries.all, inContent: queries.inContent, take, skip, upTo }).map((row) => row.pk)

  return (queries, take, position) => {
    if (position.order === 'newest') return { start: position, keys: newestFirst(queries, take, position.below, 0) }
    if (position.order === 'ranked') return { start: position, keys: rankedFrom(queries, take, position.skip, position.upTo) }
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
