/** The rules of history search that the window and main share, so a query the window would not send is one main would not run. */

/** Shorter queries are not searched: one letter matches most of the history and tells nobody anything. */
export const MIN_SEARCH_LENGTH = 2

/** How many hits one page of search results holds by default, and at most. */
export const SEARCH_PAGE_SIZE = 30
export const MAX_SEARCH_PAGE_SIZE = 100

/** How deep paging may go: far beyond what anyone scrolls, and it bounds the work one request can ask for. */
export const MAX_SEARCH_OFFSET = 10_000

/** True when `query` is long enough to be searched (surrounding spaces do not count). */
export const isSearchableQuery = (query: string): boolean => Array.from(query.trim()).length >= MIN_SEARCH_LENGTH
