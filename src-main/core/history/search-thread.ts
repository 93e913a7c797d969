import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { SearchPage } from '../../../src-shared/types'
import { messageOf } from '../guards'
import type { SearchRequest } from './search'
import type { SearchWorkerData, SearchWorkerReply } from './search-protocol'

/** A search that could not run: the thread failed or stopped, or could not read the file. Never a crash of main. */
export class SearchFailedError extends Error {
  override readonly name = 'SearchFailedError'
}

/** How to start the worker: its built file, or a bootstrap that loads the TypeScript source through tsx. */
export type WorkerEntry = { url: URL } | { bootstrap: string }

/**
 * The built worker (`search-worker.js`, an entry of the desktop build next to main.js) when there is one beside
 * `beside` (this module, or in tests a directory of their own); else
 * the TypeScript source through tsx's loader, registered inside the thread (browser mode and tests run main's
 * code from source, and a worker does not inherit a loader given as `--import`).
 */
export function defaultWorkerEntry(beside: string | URL = import.meta.url): WorkerEntry {
  const built = new URL('./search-worker.js', beside)
  if (existsSync(built)) return { url: built }
  const source = new URL('./search-worker.ts', beside)
  if (!existsSync(source))
    throw new SearchFailedError(`The search worker is missing (looked for ${built.pathname} and ${source.pathname}).`)
  const tsx = import.meta.resolve('tsx/esm/api')
  return {
    bootstrap: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}) })`,
  }
}

interface Pending {
  resolve(page: SearchPage): void
  reject(error: Error): void
}

/**
 * Runs history searches on a worker thread with its own read-only connection, one at a time in the order asked.
 * The thread starts at the first search, or earlier with `warm`. If it dies (an uncaught error, out of memory), every search waiting on
 * it fails with `SearchFailedError` and the next search starts a new thread. `close` ends it.
 */
export class SearchThread {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private closed = false

  constructor(
    private readonly data: SearchWorkerData,
    private readonly entry: () => WorkerEntry = () => defaultWorkerEntry(),
  ) {}

  search(request: SearchRequest): Promise<SearchPage> {
    if (this.closed) return Promise.reject(new SearchFailedError('The chat history is closed.'))
    let worker: Worker
    try {
      worker = this.worker ?? this.start()
    } catch (error) {
      return Promise.reject(
        error instanceof SearchFailedError
          ? error
          : new SearchFailedError(`Could not start searching: ${String(error)}`),
      )
    }
    const id = ++this.nextId
    return new Promise<SearchPage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, request })
    })
  }

  /**
   * Starts the thread and opens its connection ahead of the first search, which would otherwise wait for both
   * (loading tsx too in browser mode). Does nothing once a thread runs or after `close`; a failure here is kept
   * quiet and met again, with its message, by the next search.
   */
  warm(): void {
    if (this.closed || this.worker !== undefined) return
    this.search({ query: '' }).catch(() => undefined)
  }

  close(): void {
    this.closed = true
    this.stop(new SearchFailedError('The chat history was closed while a search ran.'))
  }

  private start(): Worker {
    const entry = this.entry()
    const worker =
      'url' in entry
        ? new Worker(entry.url, { workerData: this.data })
        : new Worker(entry.bootstrap, { eval: true, workerData: this.data })
    // An idle search thread must not keep a finished process (a test, a CLI) alive.
    worker.unref()
    worker.on('message', (reply: SearchWorkerReply) => {
      const waiting = this.pending.get(reply.id)
      if (waiting === undefined) return
      this.pending.delete(reply.id)
      if (reply.ok) waiting.resolve(reply.page)
      else waiting.reject(new SearchFailedError(reply.message))
    })
    worker.on('error', (error: unknown) => {
      if (this.worker === worker) this.stop(new SearchFailedError(`The search thread failed: ${messageOf(error)}`))
    })
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new SearchFailedError(`The search thread stopped (exit code ${code}).`))
    })
    this.worker = worker
    return worker
  }

  /** Fails every waiting search with `reason` and ends the thread; the next search starts a new one. */
  private stop(reason: SearchFailedError): void {
    const worker = this.worker
    this.worker = undefined
    for (const waiting of this.pending.values()) waiting.reject(reason)
    this.pending.clear()
    void worker?.terminate()
  }
}
