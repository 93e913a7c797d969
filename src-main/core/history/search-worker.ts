// The search thread's entry (node:worker_threads). It opens its own read-only connection to the history file, so
// a search, however long, never holds up main's event loop or its writes: in WAL mode readers and the writer do
// not block each other. Built as its own entry (electron.vite.config.ts); under tsx and Vitest it runs as .ts.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { messageOf } from '../guards'
import { createSearch, type SearchFunction } from './search'
import type { SearchWorkerData, SearchWorkerReply, SearchWorkerRequest } from './search-protocol'

const BUSY_TIMEOUT_MS = 5000

/** Opens the file read-only; throws a sentence naming the file when it is missing or not in WAL mode. */
function openSearch({ file, nativeBinding }: SearchWorkerData): SearchFunction {
  let db: Database.Database
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    })
  } catch (error) {
    throw new Error(`Cannot open the chat history at ${file} for searching: ${messageOf(error)}`, { cause: error })
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  const mode = String(db.pragma('journal_mode', { simple: true }))
  if (mode !== 'wal') {
    db.close()
    // Outside WAL mode a long read would block main's writes (and a write this reader), which is what this thread avoids.
    throw new Error(
      `The chat history at ${file} is in ${mode} journal mode, not WAL: searching it from a second connection would block saving.`,
    )
  }
  return createSearch(db)
}

const port = parentPort
if (port === null) throw new Error('search-worker.ts runs only as a worker thread')
let search: SearchFunction | undefined

port.on('message', ({ id, request }: SearchWorkerRequest) => {
  let reply: SearchWorkerReply
  try {
    // Opened at the first request (a warm-up's empty query included), and again at the next one if that failed
    // (the file may be back by then).
    search ??= openSearch(workerData as SearchWorkerData)
    reply = { id, ok: true, page: search(request) }
  } catch (error) {
    reply = { id, ok: false, message: messageOf(error) }
  }
  port.postMessage(reply)
})
