import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSearch } from './search'
import { defaultWorkerEntry, SearchFailedError, SearchThread, type WorkerEntry } from './search-thread'
import { createSteppingClock } from './test-fixtures/clock'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-search-thread-'))
  file = join(dir, 'history.sqlite')
})
afterEach(() => {
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

/** The workers the test's threads have posted searches to, in order (the spy calls through). */
function watchWorkers(): () => Worker[] {
  const post = vi.spyOn(Worker.prototype, 'postMessage')
  return () => [...new Set(post.mock.contexts as Worker[])]
}

const chat = (store: HistoryStore, title: string, ...contents: string[]) => {
  const conversation = store.createConversation({ model: 'llama3', title })
  for (const [index, content] of contents.entries()) {
    store.appendMessage({
      conversationId: conversation.id,
      role: index % 2 === 0 ? 'user' : 'assistant',
      content,
      status: 'complete',
    })
  }
  return conversation
}

describe('search on the worker thread', () => {
  it('finds what the search on main’s own connection finds, page for page', async () => {
    const store = openHistoryStore({ file, now: createSteppingClock().now })
    try {
      chat(store, 'Holiday planning', 'Where should we go?', 'Somewhere warm.')
      chat(store, 'Recipes', 'Send me recipes for soup', 'Carrot soup: carrots, onion, stock.')
      const gone = chat(store, 'Secret soup', 'the soup password is swordfish')
      store.deleteConversation(gone.id)
      for (let i = 0; i < 25; i += 1) chat(store, `Chat ${i}`, `soup number ${i}`, `a reply about soup ${i}`)
      const reader = new Database(file, { readonly: true })
      const inPlace = createSearch(reader)
      for (const request of [
        { query: 'holiday' },
        { query: 'soup' },
        { query: 'soup', limit: 20, offset: 20 },
        { query: 'car sto' },
        { query: 'swordfish' },
      ]) {
        const page = await store.search(request)
        expect(page).toEqual(inPlace(request))
      }
      expect((await store.search({ query: 'holiday' })).hits).toHaveLength(1)
      // 52 hits: two from Recipes, two from each numbered chat; none from the deleted one.
      expect(await store.search({ query: 'soup', limit: 20, offset: 20 })).toMatchObject({ hasMore: true })
      const last = await store.search({ query: 'soup', limit: 20, offset: 40 })
      expect([last.hits.length, last.hasMore]).toEqual([12, false])
      reader.close()
    } finally {
      store.close()
    }
  })

  it('sees what main wrote a moment ago (the reader starts a fresh read per search)', async () => {
    const store = openHistoryStore({ file })
    try {
      expect((await store.search({ query: 'zebra' })).hits).toEqual([])
      chat(store, 'Zoo', 'a zebra at last')
      expect((await store.search({ query: 'zebra' })).hits).toHaveLength(1)
    } finally {
      store.close()
    }
  })

  it('runs nothing for a query shorter than two characters', async () => {
    const store = openHistoryStore({ file })
    try {
      chat(store, 'Languages', 'c is a language, so is cobol')
      expect(await store.search({ query: ' c ' })).toEqual({ hits: [], hasMore: false })
      expect((await store.search({ query: 'co' })).hits).toHaveLength(1)
    } finally {
      store.close()
    }
  })

  it('fails a search once the store is closed, with a typed error', async () => {
    const store = openHistoryStore({ file })
    store.close()
    await expect(store.search({ query: 'anything' })).rejects.toBeInstanceOf(SearchFailedError)
  })
})

describe('SearchThread failures', () => {
  it('names the file when it is missing, and keeps answering', async () => {
    const thread = new SearchThread({ file: join(dir, 'nowhere.sqlite') })
    try {
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(
        /Cannot open the chat history at .*nowhere\.sqlite/,
      )
      await expect(thread.search({ query: 'soup' })).rejects.toBeInstanceOf(SearchFailedError)
    } finally {
      thread.close()
    }
  })

  it('refuses a file that is not in WAL mode', async () => {
    openHistoryStore({ file }).close()
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
    const thread = new SearchThread({ file })
    try {
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(/delete journal mode, not WAL/)
    } finally {
      thread.close()
    }
  })

  it('turns a crashed thread into a typed error for the waiting search, and starts a new thread for the next', async () => {
    const store = openHistoryStore({ file })
    chat(store, 'Soup', 'tomato soup')
    store.close()
    let starts = 0
    const crashing = "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom') })"
    const thread = new SearchThread({ file }, () =>
      ++starts === 1 ? { bootstrap: crashing } : { bootstrap: 'process.exit(3)' },
    )
    try {
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(
        new SearchFailedError('The search thread failed: boom'),
      )
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(/stopped \(exit code 3\)/)
      expect(starts).toBe(2)
    } finally {
      thread.close()
    }
  })

  it('fails the waiting search with a typed error when closed while it runs, and ends the thread', async () => {
    const workers = watchWorkers()
    const silent = "require('node:worker_threads').parentPort.on('message', () => {})"
    const thread = new SearchThread({ file }, () => ({ bootstrap: silent }))
    const waiting = thread.search({ query: 'soup' })
    const [worker] = workers()
    if (worker === undefined) throw new Error('no search thread started')
    const exited = once(worker, 'exit')
    thread.close()
    await expect(waiting).rejects.toThrow(new SearchFailedError('The chat history was closed while a search ran.'))
    await exited
    await expect(thread.search({ query: 'soup' })).rejects.toThrow(new SearchFailedError('The chat history is closed.'))
    expect(workers()).toHaveLength(1)
  })

  it('starts a new thread for the next search when the one that answered earlier searches died meanwhile', async () => {
    const store = openHistoryStore({ file })
    chat(store, 'Soup', 'tomato soup')
    store.close()
    const workers = watchWorkers()
    let starts = 0
    const thread = new SearchThread({ file }, (): WorkerEntry => {
      starts += 1
      return defaultWorkerEntry()
    })
    try {
      expect((await thread.search({ query: 'soup' })).hits).toHaveLength(1)
      expect((await thread.search({ query: 'tomato' })).hits).toHaveLength(1)
      const [first] = workers()
      if (first === undefined) throw new Error('no search thread started')
      const exited = once(first, 'exit')
      await first.terminate()
      await exited
      expect((await thread.search({ query: 'soup' })).hits).toHaveLength(1)
      expect([starts, workers().length]).toEqual([2, 2])
    } finally {
      thread.close()
    }
  })
})

describe('SearchThread.warm', () => {
  it('starts the thread before the first search, which then runs on it', async () => {
    const store = openHistoryStore({ file })
    chat(store, 'Soup', 'tomato soup')
    store.close()
    let starts = 0
    const thread = new SearchThread({ file }, () => {
      starts += 1
      return defaultWorkerEntry()
    })
    try {
      thread.warm()
      expect(starts).toBe(1)
      thread.warm()
      expect((await thread.search({ query: 'soup' })).hits).toHaveLength(1)
      expect(starts).toBe(1)
    } finally {
      thread.close()
    }
    thread.warm()
    expect(starts).toBe(1)
  })
})

describe('defaultWorkerEntry', () => {
  const beside = () => pathToFileURL(join(dir, 'main.js'))

  it('chooses the built worker when search-worker.js is beside it', () => {
    writeFileSync(join(dir, 'search-worker.js'), '')
    writeFileSync(join(dir, 'search-worker.ts'), '')
    expect(defaultWorkerEntry(beside())).toEqual({ url: pathToFileURL(join(dir, 'search-worker.js')) })
  })

  it('loads the TypeScript source through tsx when there is no built worker', () => {
    writeFileSync(join(dir, 'search-worker.ts'), '')
    const entry = defaultWorkerEntry(beside())
    expect('bootstrap' in entry && entry.bootstrap).toContain(
      JSON.stringify(pathToFileURL(join(dir, 'search-worker.ts')).href),
    )
  })

  it('names both files it looked for when neither is there', () => {
    expect(() => defaultWorkerEntry(beside())).toThrow(
      new SearchFailedError(
        `The search worker is missing (looked for ${join(dir, 'search-worker.js')} and ${join(dir, 'search-worker.ts')}).`,
      ),
    )
  })
})
