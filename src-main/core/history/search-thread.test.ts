import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSearch } from './search'
import { SearchFailedError, SearchThread } from './search-thread'
import { createSteppingClock } from './test-fixtures/clock'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-search-thread-'))
  file = join(dir, 'history.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const chat = (store: HistoryStore, title: string, ...contents: string[]) => {
  const conversation = store.createConversation({ model: 'llama3', title })
  for (const [index, content] of contents.entries()) {
    store.appendMessage({ conversationId: conversation.id, role: index % 2 === 0 ? 'user' : 'assistant', content, status: 'complete' })
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
      for (const request of [{ query: 'holiday' }, { query: 'soup' }, { query: 'soup', limit: 20, offset: 20 }, { query: 'car sto' }, { query: 'swordfish' }]) {
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
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(/Cannot open the chat history at .*nowhere\.sqlite/)
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
    const thread = new SearchThread({ file }, () => (++starts === 1 ? { bootstrap: crashing } : { bootstrap: 'process.exit(3)' }))
    try {
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(new SearchFailedError('The search thread failed: boom'))
      await expect(thread.search({ query: 'soup' })).rejects.toThrow(/stopped \(exit code 3\)/)
      expect(starts).toBe(2)
    } finally {
      thread.close()
    }
  })
})
