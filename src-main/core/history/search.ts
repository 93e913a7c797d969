import type { MessageRole, SearchHit, SnippetPart } from '../../../src-shared/types'
import type { HistoryDatabase } from './database'

// Private-use characters cannot be typed by accident and are not HTML: the snippet stays plain text.
const MATCH_START = '\uE000'
const MATCH_END = '\uE001'
const MAX_TERMS = 16
const MAX_TERM_LENGTH = 64
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100
const SNIPPET_TOKENS = 16

/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted prefix term (`"foo"* "bar"*`,
 * all required), so FTS5 syntax in the input (`"`, `AND(`, `NEAR`, `col:`) is searched for as text instead of
 * being parsed. Returns `null` when nothing searchable is left (empty input, only punctuation).
 */
export function toMatchQuery(input: string): string | null {
  const terms = input
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_TERMS)
    .map((word) => `"${Array.from(word).slice(0, MAX_TERM_LENGTH).join('').replaceAll('"', '""')}"*`)
  return terms.length === 0 ? null : terms.join(' ')
}

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

/** Searches message text and conversation titles; see `HistoryStore.search` for what the hits mean. */
export type SearchFunction = (query: string, limit?: number) => SearchHit[]

/** The same terms, any of them, restricted to the message text: tells content hits from title-only ones. */
const contentQuery = (match: string): string => `content : (${match.split(' ').join(' OR ')})`

/**
 * Builds the search over the FTS5 index. Hits are ranked by bm25 (content weighs twice the title). A
 * conversation that matches only by its title yields one hit (its first message), not one per message; one that
 * also matches in its messages yields only those.
 * Soft-deleted conversations never appear.
 *
 * Ranking needs only bm25, which is cheap; `snippet()` is not, so snippets are built only for the rows that
 * made the limit (a common word can match most of the history: building them first made search several times
 * slower than a plain LIKE scan; see bench/search.ts).
 */
export function createSearch(db: HistoryDatabase): SearchFunction {
  const statement = db.prepare<[{ match: string; contentMatch: string; limit: number; start: string; end: string }], HitRow>(
    `WITH content_hits AS (
       SELECT rowid AS pk FROM message_search WHERE message_search MATCH @contentMatch
     ), hits AS (
       SELECT m.pk, m.id AS message_id, m.conversation_id, m.seq, m.role, m.created_at,
         c.title AS conversation_title, matched.score, m.pk IN (SELECT pk FROM content_hits) AS in_content
       FROM (SELECT rowid AS pk, bm25(message_search, 1.0, 0.5) AS score
             FROM message_search WHERE message_search MATCH @match) AS matched
       JOIN messages m ON m.pk = matched.pk
       JOIN conversations c ON c.id = m.conversation_id
       WHERE c.deleted_at IS NULL
     ), ranked AS (
       SELECT *, row_number() OVER (PARTITION BY conversation_id, in_content ORDER BY seq) AS nth,
         max(in_content) OVER (PARTITION BY conversation_id) AS conversation_has_content_hit
       FROM hits
     ), top AS (
       SELECT * FROM ranked WHERE in_content OR (nth = 1 AND NOT conversation_has_content_hit)
       ORDER BY score, created_at DESC LIMIT @limit
     )
     SELECT top.conversation_id, top.conversation_title, top.message_id, top.role, top.created_at,
       snippet(message_search, 0, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet
     FROM top CROSS JOIN message_search ON message_search.rowid = top.pk
     WHERE message_search MATCH @match
     ORDER BY top.score, top.created_at DESC`,
  )
  return (query, limit = DEFAULT_LIMIT) => {
    const match = toMatchQuery(query)
    if (match === null) return []
    const bounded = Math.min(Math.max(Math.trunc(Number.isFinite(limit) ? limit : DEFAULT_LIMIT), 1), MAX_LIMIT)
    return statement.all({ match, contentMatch: contentQuery(match), limit: bounded, start: MATCH_START, end: MATCH_END }).map((row) => ({
      conversationId: row.conversation_id,
      conversationTitle: row.conversation_title,
      messageId: row.message_id,
      role: row.role,
      snippet: splitSnippet(row.snippet),
      createdAt: row.created_at,
    }))
  }
}
