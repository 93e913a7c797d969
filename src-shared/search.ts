/** The rules of history search that the window and main share, so a query the window would not send is one main would not run. */

/** Shorter words are not searched: one letter matches most of the history and tells nobody anything. */
export const MIN_SEARCH_LENGTH = 2

/** How many hits one page of search results holds by default, and at most. */
export const SEARCH_PAGE_SIZE = 30
export const MAX_SEARCH_PAGE_SIZE = 100

/** How deep paging may go: far beyond what anyone scrolls, and it bounds the work one request can ask for. */
export const MAX_SEARCH_OFFSET = 10_000

/** The text of a search page's `next` cursor (opaque to the window; read by main, checked at the IPC boundary). */
export const SEARCH_CURSOR_PATTERN = /^(?:ranked:\d{1,6}:\d{1,15}|newest:\d{1,15})$/

/**
 * The words of a query that are searched: those with a letter or digit and at least `MIN_SEARCH_LENGTH` characters.
 * A one-letter word is never searched, alone or beside others ("a b"): its prefix matches most of the history and
 * has no prefix index (that starts at two characters), so FTS5 would read the whole index; a longer word beside it
 * narrows the search anyway.
 */
export const searchableWords = (query: string): string[] =>
  query.split(/\s+/).filter((word) => Array.from(word).length >= MIN_SEARCH_LENGTH && /[\p{L}\p{N}]/u.test(word))

/** True when `query` has a word worth searching (see `searchableWords`): the window sends only such queries. */
export const isSearchableQuery = (query: string): boolean => searchableWords(query).length > 0
