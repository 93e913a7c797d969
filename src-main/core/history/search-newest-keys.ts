import type { HistoryDatabase } from './database'
import type { MatchQueries } from './search-query'
import { SHOWN_MESSAGE } from './search-shown-message'

/** Hits below the message key `below`, newest first, `take` of them after passing over `skip`. */
export type NewestKeys = (queries: MatchQueries, take: number, below: number, skip: number) => number[]

/**
 * For many matches: the index read backwards (rowid is the message's insertion order), stopping at the page.
 *
 * FTS5 reads a term's rows lazily from either end, but a rowid range (`rowid >= ?`) makes it seek inside every
 * segment's row list, which cost milliseconds per query on a common word: ranges are read newest first and cut
 * off here, in the loops, instead (the rows at or above a cursor are read and passed over).
 */
export function createNewestKeys(db: HistoryDatabase): NewestKeys {
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

  // An offset, when given, is `skip` hits more read and passed over.
  return (queries, take, below, skip) => {
    const wanted = take + skip
    const content = contentHitsBelow(queries.inContent, below, wanted)
    const from = content.length === wanted ? (content.at(-1) ?? 0) : 0
    const rows = titleOnlyRowsFrom(queries.titleOnly, from)
    const titleOnly =
      rows.length === 0
        ? []
        : titleOnlyHits.all({ rows: JSON.stringify(rows), take: wanted, below }).map((row) => row.pk)
    return [...content, ...titleOnly].sort((a, b) => b - a).slice(skip, wanted)
  }
}
