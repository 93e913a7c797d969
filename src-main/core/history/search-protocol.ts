import type { SearchPage } from '../../../src-shared/types'
import type { SearchRequest } from './search'

/** What the search thread is started with: the history file, and the better-sqlite3 binary main uses. */
export interface SearchWorkerData {
  file: string
  nativeBinding?: string
}

/** Main → worker: one search, answered with the same `id`. */
export interface SearchWorkerRequest {
  id: number
  request: SearchRequest
}

/** Worker → main: a page, or why there is none (the worker goes on answering later requests). */
export type SearchWorkerReply = { id: number; ok: true; page: SearchPage } | { id: number; ok: false; message: string }
