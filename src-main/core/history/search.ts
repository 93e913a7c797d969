import { MAX_SEARCH_OFFSET, MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE } from '../../../src-shared/search'
import type { MessageRole, SearchPage, SnippetPart } from '../../../src-shared/types'
import type { HistoryDatabase } from './database'
import { matchQueries, type MatchQueries } from './search-query'

export { searchTerms, toMatchQuery } from './search-query'

// Private-use characters cannot be typed by accident and are not HTML: the snippet stays plain text.
const MATCH_START = '\uE000'
const MATCH_END = '\uE001'
const SNIPPET_TOKENS = 16
/**
 * Up to this many matching messages, hits are ranked by bm25; beyond, newest first. Ranking needs a score for
 * every match, so its cost grows with the match count (a common word: most of the history, near a second over
 * 100,000 messages); newest-first reads the index backwards and stops at the page. When a word is that common,
 * relevance tells the hits apart little anyway, and the latest conversation is the likelier one sought.
 */
const RANKED_MAX_MATCHES = 2_000

/** What one search asks for; `limit` and `offset` are clamped to sane bounds. */
export interface SearchRequest {
  query: string
  limit?: number
  offset?: number
}

/** Searches message text and conversation titles; see `HistoryStore.search` for what the hits mean. */
export type SearchFunction = (request: SearchRequest) => SearchPage

/** Splits a snippet carrying the private match markers into plain-text parts; empty parts are dropped. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let match = false
  let text = ''
  const flush = () => {
    if (text !== '') parts.push({ text, match })
    text = ''
  }
  for (const character of snippet) {
    if (character === MATCH_START || character === MATCH_END) {
      flush()
      match = character === MATCH_START
    } else {
      text += character
    }
  }
  flush()
  return parts
}

interface HitRow {
  conversation_id: string
  conversation_title: string
  message_id: string
  role: MessageRole
  snippet: string
  created_at: string
}

const clamp = (value: number | undefined, fallback: number, min: number, max: number) =>
  Math.min(Math.max(Math.trunc(value !== undefined && Number.isFinite(value) ? value : fallback), min), max)

/**
 * Builds the search over the FTS5 index. A message is a hit when it has every word (in its text or its
 * conversation's title) and at least one in its text. A conversation that has every word in its title but none
 * in any message yields one hit, its first message; one that also matches in its messages yields only those.
 * Soft-deleted conversations never appear. Up to `RANKED_MAX_MATCHES` matches, hits are ranked by bm25 (text
 * weighs twice the title); beyond, newest first. Either way, only the page's rows get a snippet (`snippet()` is
 * the costly part), and a page is fetched one row long to tell whether there are more.
 */
export function createSearch(db: HistoryDatabase): SearchFunction {
  const countUpTo = db.prepare<[{ match: string; cap: number }], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT rowid FROM message_search WHERE message_search MATCH @match LIMIT @cap)',
  )

  // Few matches: score them all. The window functions find, per conversation, whether any message matched in
  // its text and which is the first title-only one.
  const ranked = db.prepare<[{ all: string; inContent: string; take: number; skip: number }], { pk: number }>(
    `WITH content_hits AS (
       SELECT rowid AS pk FROM message_search WHERE message_search MATCH @inContent
     ), hits AS (
       SELECT m.pk, m.conversation_id, m.seq, m.created_at, matched.score, m.pk IN (SELECT pk FROM content_hits) AS in_content
       FROM (SELECT rowid AS pk, bm25(message_search, 1.0, 0.5) AS score
             FROM message_search WHERE message_search MATCH @all) AS matched
       JOIN messages m ON m.pk = matched.pk
       JOIN conversations c ON c.id = m.conversation_id
       WHERE c.deleted_at IS NULL
     ), marked AS (
       SELECT *, row_number() OVER (PARTITION BY conversation_id, in_content ORDER BY seq) AS nth,
         max(in_content) OVER (PARTITION BY conversation_id) AS conversation_has_content_hit
       FROM hits
     )
     SELECT pk FROM marked WHERE in_content OR (nth = 1 AND NOT conversation_has_content_hit)
     ORDER BY score, created_at DESC LIMIT @take OFFSET @skip`,
  )

  // Many matches: the index read backwards (rowid is the message's insertion order), stopping at the page.
  const newestContentHits = db.prepare<[{ inContent: string; take: number }], { pk: number }>(
    `SELECT s.rowid AS pk FROM message_search s
     CROSS JOIN messages m ON m.pk = s.rowid
     CROSS JOIN conversations c ON c.id = m.conversation_id
     WHERE s.message_search MATCH @inContent AND c.deleted_at IS NULL
     ORDER BY s.rowid DESC LIMIT @take`,
  )
  // A conversation matches by title only when every one of its messages is a title-only row. Its hit is its
  // first message, which has its lowest rowid (messages are only ever appended or cut from the end), so only
  // rows from `@from` on (the oldest content hit that made the page) can add a hit to the page: the FTS5 range
  // scan stays short even for a word in half the titles.
  const newestTitleOnlyHits = db.prepare<[{ titleOnly: string; take: number; from: number }], { pk: number }>(
    `WITH per_conversation AS (
       SELECT m.conversation_id, count(*) AS rows, min(m.seq) AS first_seq
       FROM message_search s CROSS JOIN messages m ON m.pk = s.rowid
       WHERE s.message_search MATCH @titleOnly AND s.rowid >= @from
       GROUP BY m.conversation_id
     )
     SELECT first.pk FROM per_conversation p
     JOIN conversations c ON c.id = p.conversation_id AND c.deleted_at IS NULL
     JOIN messages first ON first.conversation_id = p.conversation_id AND first.seq = p.first_seq
     WHERE p.rows = (SELECT count(*) FROM messages WHERE conversation_id = p.conversation_id)
     ORDER BY first.pk DESC LIMIT @take`,
  )

  // One pass over the page's rowid range builds every snippet: a lookup per row (rowid = ?) would set up each
  // prefix term's whole doclist again for every row, which dominated a search for a common word.
  const details = db.prepare<[{ all: string; low: number; high: number; keys: string; start: string; end: string }], HitRow & { pk: number }>(
    `SELECT s.rowid AS pk, m.conversation_id, c.title AS conversation_title, m.id AS message_id, m.role, m.created_at,
       snippet(message_search, 0, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet
     FROM message_search s
     CROSS JOIN messages m ON m.pk = s.rowid
     CROSS JOIN conversations c ON c.id = m.conversation_id
     WHERE s.message_search MATCH @all AND s.rowid BETWEEN @low AND @high
       AND +s.rowid IN (SELECT value FROM json_each(@keys))`,
  )

  const pageKeys = (queries: MatchQueries, take: number, skip: number): number[] => {
    const matches = countUpTo.get({ match: queries.all, cap: RANKED_MAX_MATCHES + 1 })?.n ?? 0
    if (matches === 0) return []
    if (matches <= RANKED_MAX_MATCHES) return ranked.all({ all: queries.all, inContent: queries.inContent, take, skip }).map((row) => row.pk)
    const wanted = take + skip
    const content = newestContentHits.all({ inContent: queries.inContent, take: wanted }).map((row) => row.pk)
    const from = content.length === wanted ? (content.at(-1) ?? 0) : 0
    const titleOnly = newestTitleOnlyHits.all({ titleOnly: queries.titleOnly, take: wanted, from }).map((row) => row.pk)
    return [...content, ...titleOnly].sort((a, b) => b - a).slice(skip, wanted)
  }

  return (request) => {
    const queries = matchQueries(request.query)
    if (queries === null) return { hits: [], hasMore: false }
    const limit = clamp(request.limit, SEARCH_PAGE_SIZE, 1, MAX_SEARCH_PAGE_SIZE)
    const offset = clamp(request.offset, 0, 0, MAX_SEARCH_OFFSET)
    const keys = pageKeys(queries, limit + 1, offset)
    const page = keys.slice(0, limit)
    const rows = new Map<number, HitRow>()
    if (page.length > 0) {
      const range = { low: Math.min(...page), high: Math.max(...page), keys: JSON.stringify(page) }
      for (const row of details.all({ all: queries.all, ...range, start: MATCH_START, end: MATCH_END })) rows.set(row.pk, row)
    }
    const hits = page.flatMap((pk) => rows.get(pk) ?? [])
    return {
      hits: hits.map((row) => ({
        conversationId: row.conversation_id,
        conversationTitle: row.conversation_title,
        messageId: row.message_id,
        role: row.role,
        snippet: splitSnippet(row.snippet),
        createdAt: row.created_at,
      })),
      hasMore: keys.length > limit,
    }
  }
}
