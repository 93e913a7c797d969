import type { AppError } from '../../src-shared/ipc/result'
import { isSearchableQuery, SEARCH_PAGE_SIZE } from '../../src-shared/search'
import type { SearchHit } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { LoadState, SliceCreator } from './types'

/** Full-text search over every conversation. */
export interface SearchState {
  query: string
  status: LoadState
  hits: SearchHit[]
  /** More hits exist beyond those shown: the window offers to load them. */
  hasMore: boolean
  /** How many hits in all, from the first page (`undefined` when main did not say). */
  total: number | undefined
  /** There are more hits than `total` (main stops counting at a cap). */
  moreThanTotal: boolean
  /** The cursor main gave for the next page (see `SearchPage.next`). */
  next: string | undefined
  /** A further page is being fetched (the hits so far stay on screen, as they do when that fails: see `error`). */
  loadingMore: boolean
  error: AppError | null
  /** Counts searches so an older answer that arrives late cannot replace a newer one. */
  sequence: number
}

export interface SearchSlice {
  search: SearchState
  /** Searches from the first page; a query too short to search (see `isSearchableQuery`) clears instead. */
  runSearch: (query: string) => Promise<void>
  /** Appends the next page of the current search. */
  loadMoreResults: () => Promise<void>
  clearSearch: () => void
}

const EMPTY: SearchState = {
  query: '',
  status: 'idle',
  hits: [],
  hasMore: false,
  total: undefined,
  moreThanTotal: false,
  next: undefined,
  loadingMore: false,
  error: null,
  sequence: 0,
}

/**
 * `more` after `shown`, without the hits already shown: the history changes between pages (a reply streaming in,
 * a new message shifts bm25 ranks), and a hit shown twice would also give the list a duplicate key.
 */
function appendNew(shown: readonly SearchHit[], more: readonly SearchHit[]): SearchHit[] {
  const ids = new Set(shown.map((hit) => hit.messageId))
  return [...shown, ...more.filter((hit) => !ids.has(hit.messageId) && ids.add(hit.messageId))]
}

export const createSearchSlice: SliceCreator<SearchSlice> = (bridge) => (set, get) => ({
  search: EMPTY,

  async runSearch(query) {
    const sequence = get().search.sequence + 1
    if (!isSearchableQuery(query)) {
      set({ search: { ...EMPTY, sequence } })
      return
    }
    set((state) => ({ search: { ...state.search, query, status: 'loading', loadingMore: false, sequence } }))
    const result = await safeCall(bridge, 'conversations:search', { query: query.trim(), limit: SEARCH_PAGE_SIZE })
    if (get().search.sequence !== sequence) return
    set({
      search: result.ok
        ? {
            ...EMPTY,
            query,
            status: 'ready',
            hits: appendNew([], result.value.hits),
            hasMore: result.value.hasMore,
            total: result.value.total,
            moreThanTotal: result.value.moreThanTotal === true,
            next: result.value.next,
            sequence,
          }
        : { ...EMPTY, query, status: 'error', error: result.error, sequence },
    })
  },

  async loadMoreResults() {
    const current = get().search
    if (current.status !== 'ready' || !current.hasMore || current.next === undefined || current.loadingMore) return
    const sequence = current.sequence + 1
    set({ search: { ...current, loadingMore: true, sequence } })
    const result = await safeCall(bridge, 'conversations:search', {
      query: current.query.trim(),
      limit: SEARCH_PAGE_SIZE,
      after: current.next,
    })
    if (get().search.sequence !== sequence) return
    set((state) => ({
      search: result.ok
        ? {
            ...state.search,
            hits: appendNew(state.search.hits, result.value.hits),
            hasMore: result.value.hasMore,
            next: result.value.next,
            loadingMore: false,
          }
        : { ...state.search, loadingMore: false, error: result.error },
    }))
  },

  clearSearch() {
    set((state) => ({ search: { ...EMPTY, sequence: state.search.sequence + 1 } }))
  },
})
