import type { SearchPage } from '../../../src-shared/types'
import type { HistoryDatabase, OpenDatabaseOptions } from './database'
import { createSearch, type SearchRequest } from './search'
import { SearchThread } from './search-thread'

/** Where a history is searched: on a worker thread for a file, in place for an in-memory history. */
export interface HistorySearch {
  search(request: SearchRequest): Promise<SearchPage>
  warm(): void
  close(): void
}

/**
 * A file's history is searched on a worker thread with its own read-only connection, so a search never holds up
 * main. A second connection cannot see a private in-memory database: that one (tests) is searched in place.
 */
export function createHistorySearch(db: HistoryDatabase, options: OpenDatabaseOptions): HistorySearch {
  if (options.file === ':memory:') {
    const searchInPlace = createSearch(db)
    return { search: async (request) => searchInPlace(request), warm: () => {}, close: () => {} }
  }
  const thread = new SearchThread({
    file: options.file,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  })
  return { search: async (request) => thread.search(request), warm: () => thread.warm(), close: () => thread.close() }
}
