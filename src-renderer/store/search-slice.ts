import type { AppError } from '../../src-shared/ipc/result'
import type { SearchHit } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { LoadState, SliceCreator } from './types'

/** Full-text search over every conversation. */
export interface SearchState {
  query: string
  status: LoadState
  hits: SearchHit[]
  error: AppError | null
  /** Counts searches so an older answer that arrives late cannot replace a newer one. */
  sequence: number
}

export interface SearchSlice {
  search: SearchState
  runSearch: (query: string) => Promise<void>
  clearSearch: () => void
}

/** How many hits one search shows. */
export const SEARCH_LIMIT = 30

const EMPTY: SearchState = { query: '', status: 'idle', hits: [], error: null, sequence: 0 }

export const createSearchSlice: SliceCreator<SearchSlice> = (bridge) => (set, get) => ({
  search: EMPTY,

  async runSearch(query) {
    const sequence = get().search.sequence + 1
    if (query.trim() === '') {
      set({ search: { ...EMPTY, sequence } })
      return
    }
    set((state) => ({ search: { ...state.search, query, status: 'loading', sequence } }))
    const result = await safeCall(bridge, 'chats:search', { query: query.trim(), limit: SEARCH_LIMIT })
    if (get().search.sequence !== sequence) return
    set({
      search: result.ok
        ? { query, status: 'ready', hits: result.value.hits, error: null, sequence }
        : { query, status: 'error', hits: [], error: result.error, sequence },
    })
  },

  clearSearch() {
    set((state) => ({ search: { ...EMPTY, sequence: state.search.sequence + 1 } }))
  },
})
