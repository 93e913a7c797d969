import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from './migrations'
import { openHistoryStore, type HistoryStore } from './history-store'
import { matchQueries } from './search-query'
import { createWordExpander, indexOptions, MAX_EXPANDED_TERMS, prefixUpperBound } from './search-vocabulary'

describe('indexOptions', () => {
  it('reads the tokenizer and the prefix index lengths from the table definition', () => {
    const sql = `CREATE VIRTUAL TABLE t USING fts5(a, b, content = 'v', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`
    expect(indexOptions(sql)).toEqual({ tokenize: 'unicode61 remove_diacritics 2', prefixLengths: [2, 3] })
    expect(indexOptions(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'unicode61 separators ''-''')`)).toEqual({
      tokenize: "unicode61 separators ''-''",
      prefixLengths: [],
    })
    expect(indexOptions('CREATE VIRTUAL TABLE t USING fts5(a)')).toEqual({ tokenize: 'unicode61', prefixLengths: [] })
  })

  it('matches what the history schema declares', () => {
    const db = new Database(':memory:')
    try {
      migrate(db)
      const { sql } = db
        .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'message_search'")
        .get() ?? { sql: '' }
      expect(indexOptions(sql)).toEqual({ tokenize: 'unicode61 remove_diacritics 2', prefixLengths: [2, 3] })
    } finally {
      db.close()
    }
  })
})

describe('prefixUpperBound', () => {
  it('is the prefix with its last code point raised by one', () => {
    expect(prefixUpperBound('douvon')).toBe('douvoo')
    expect(prefixUpperBound('caf\u00e9')).toBe('caf\u00ea')
    expect(prefixUpperBound('a\u{1F600}')).toBe('a\u{1F601}')
  })

  it('skips surrogates and carries past the last code point', () => {
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000')
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b')
    expect(prefixUpperBound('\u{10FFFF}')).toBeUndefined()
    expect(prefixUpperBound('')).toBeUndefined()
  })
})

describe('createWordExpander', () => {
  let dir: string
  let store: HistoryStore
  let reader: Database.Database
  let expand: ReturnType<typeof createWordExpander>
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ollmchat-vocabulary-'))
    const file = join(dir, 'history.sqlite')
    store = openHistoryStore({ file })
    const conversation = store.createConversation({ model: 'm', title: 'Cooking' })
    for (const content of [
      'Spaghetti carbonara',
      'Carbonated water',
      'Un café crème',
      'La cafetería',
      'guanciale',
      'co-op',
    ]) {
      store.appendMessage({ conversationId: conversation.id, role: 'user', content, status: 'complete' })
    }
    // Read-only, like the search thread's connection: the expander must make do with temporary tables.
    reader = new Database(file, { readonly: true })
    expand = createWordExpander(reader)
  })
  afterEach(() => {
    reader.close()
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('replaces a word longer than every prefix index by the indexed terms it starts', () => {
    expect(expand(['Carbo'])).toEqual([{ terms: ['carbonara', 'carbonated'] }])
    expect(expand(['carbonara'])).toEqual([{ terms: ['carbonara'] }])
  })

  it('folds case and diacritics exactly as the index does', () => {
    expect(expand(['CAFÉ'])).toEqual([{ terms: ['cafe', 'cafeteria'] }])
    expect(expand(['crème'])).toEqual([{ terms: ['creme'] }])
  })

  it('keeps the prefix for words a prefix index serves and for words of several tokens', () => {
    expect(expand(['car', 'co-op', 'guanciale'])).toEqual([
      { prefix: 'car' },
      { prefix: 'co-op' },
      { terms: ['guanciale'] },
    ])
  })

  it('says nothing can match when a word starts no indexed term', () => {
    expect(expand(['carbo', 'zzzz'])).toBeNull()
  })

  it('keeps the prefix when too many terms share it', () => {
    const conversation = store.createConversation({ model: 'm', title: 'Numbers' })
    const many = Array.from({ length: MAX_EXPANDED_TERMS + 1 }, (_, i) => `wordy${i}`).join(' ')
    store.appendMessage({ conversationId: conversation.id, role: 'user', content: many, status: 'complete' })
    expect(expand(['wordy'])).toEqual([{ prefix: 'wordy' }])
    expect(expand(['wordy1'])).toEqual([
      {
        terms: [
          'wordy1',
          'wordy10',
          'wordy11',
          'wordy12',
          'wordy13',
          'wordy14',
          'wordy15',
          'wordy16',
          'wordy17',
          'wordy18',
          'wordy19',
        ],
      },
    ])
  })

  it('builds FTS5 queries that quote every term', () => {
    expect(matchQueries([{ terms: ['a"b', 'c'] }, { prefix: 'do' }])).toEqual({
      all: '("a""b" OR "c") "do"*',
      inContent: '(("a""b" OR "c") "do"*) AND content : (("a""b" OR "c") OR "do"*)',
      titleOnly: 'title : (("a""b" OR "c") "do"*) NOT content : (("a""b" OR "c") OR "do"*)',
    })
  })
})
