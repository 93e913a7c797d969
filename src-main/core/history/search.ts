import { MAX_SEARCH_OFFSET, MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE } from '../../../src-shared/search'
import type { MessageRole, SearchPage, SnippetPart } from '../../../src-shared/types'
import type { HistoryDatabase } from './database'
import { formatSearchCursor, parseSearchCursor, type SearchCursor } from './search-cursor'
import { createPageKeys, type PagePosition } from './search-page-keys'
import { createSearchTotal, type SearchTotal } from './search-total'
import { matchQueries, searchTerms } from './search-query'
import { createWordExpander } from './search-vocabulary'

export { searchTerms, toMatchQuery } from './search-query'

// Private-use characters cannot be typed by accident and are not HTML: the snippet stays plain text.
const MATCH_START = '\uE000'
const MATCH_END = '\uE001'
const SNIPPET_TOKENS = 16
/**
 * What one search asks for; `limit` and `offset` are clamped to sane bounds. `after` is the `next` cursor of the
 * page before (see `SearchCursor`); it wins over `offset`, and text that is no cursor starts at the first page.
 */
export interface SearchRequest {
  query: string
  limit?: number
  offset?: number
  after?: string
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
  created_at: string
}

const clamp = (value: number | undefined, fallback: number, min: number, max: number) =>
  Math.min(Math.max(Math.trunc(value !== undefined && Number.isFinite(value) ? value : fallback), min), max)

/**
 * Builds the search over the FTS5 index: see `createPageKeys` for what the hits are and their order, and
 * `createWordExpander` for how the words are matched. Only the page's rows get a snippet (`snippet()` is the costly
 * part), and a page is fetched one row long to tell whether there are more.
 */
export function createSearch(db: HistoryDatabase): SearchFunction {
  const expandWords = createWordExpander(db)
  const pageKeys = createPageKeys(db)
  const countTotal = createSearchTotal(db)

  // One backward pass over the matches builds the page's snippets: a lookup per row (rowid = ?) or a rowid range
  // would make FTS5 seek in each term's row list again, which dominated a search for a common word. The CASE
  // keeps `snippet()` to the page's rows; the pass stops below the page's oldest row.
  const snippetsNewestFirst = db.prepare<
    [{ all: string; keys: string; start: string; end: string }],
    { pk: number; snippet: string | null }
  >(
    `SELECT rowid AS pk,
       CASE WHEN rowid IN (SELECT value FROM json_each(@keys))
         THEN snippet(message_search, 0, @start, @end, '…', ${SNIPPET_TOKENS}) END AS snippet
     FROM message_search WHERE message_search MATCH @all ORDER BY rowid DESC`,
  )
  const details = db.prepare<[{ keys: string }], HitRow & { pk: number }>(
    `SELECT m.pk, m.conversation_id, c.title AS conversation_title, m.id AS message_id, m.role, m.created_at
     FROM json_each(@keys) k
     CROSS JOIN messages m ON m.pk = k.value
     CROSS JOIN conversations c ON c.id = m.conversation_id`,
  )

  const snippetsOf = (all: string, page: readonly number[]): Map<number, string> => {
    const snippets = new Map<number, string>()
    const oldest = Math.min(...page)
    for (const { pk, snippet } of snippetsNewestFirst.iterate({
      all,
      keys: JSON.stringify(page),
      start: MATCH_START,
      end: MATCH_END,
    })) {
      if (snippet !== null) snippets.set(pk, snippet)
      if (pk <= oldest || snippets.size === page.length) break
    }
    return snippets
  }

  return (request) => {
    const words = expandWords(searchTerms(request.query))
    const queries = words === null ? null : matchQueries(words)
    if (queries === null) return { hits: [], hasMore: false }
    const limit = clamp(request.limit, SEARCH_PAGE_SIZE, 1, MAX_SEARCH_PAGE_SIZE)
    const position: PagePosition = (request.after === undefined ? undefined : parseSearchCursor(request.after)) ?? {
      order: 'by-count',
      skip: clamp(request.offset, 0, 0, MAX_SEARCH_OFFSET),
    }
    const { keys, start } = pageKeys(queries, limit + 1, position)
    const page = keys.slice(0, limit)
    // Counted once, with the first page: "210 messages" stays true enough while the next pages are read.
    const firstPage = position.order === 'by-count' && position.skip === 0
    const total = !firstPage ? {} : page.length === 0 ? { total: 0 } : totalFields(countTotal(queries))
    if (page.length === 0) return { hits: [], hasMore: false, ...total }
    const hasMore = keys.length > limit
    const snippets = snippetsOf(queries.all, page)
    const rows = new Map(details.all({ keys: JSON.stringify(page) }).map((row) => [row.pk, row]))
    const hits = page.flatMap((pk) => {
      const row = rows.get(pk)
      return row === undefined ? [] : [{ row, snippet: snippets.get(pk) ?? '' }]
    })
    return {
      hits: hits.map(({ row, snippet }) => ({
        conversationId: row.conversation_id,
        conversationTitle: row.conversation_title,
        messageId: row.message_id,
        role: row.role,
        snippet: splitSnippet(snippet),
        createdAt: row.created_at,
      })),
      hasMore,
      ...(hasMore ? { next: formatSearchCursor(nextCursor(start, page)) } : {}),
      ...total,
    }
  }
}

const totalFields = ({ count, atLeast }: SearchTotal): Pick<SearchPage, 'total' | 'moreThanTotal'> =>
  atLeast ? { total: count, moreThanTotal: true } : { total: count }

/** Where the page after `page` starts, in the order `start` pinned. */
function nextCursor(start: SearchCursor, page: readonly number[]): SearchCursor {
  if (start.order === 'ranked') return { ...start, skip: start.skip + page.length }
  return { order: 'newest', below: page.at(-1) ?? start.below }
}
