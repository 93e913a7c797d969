import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from './database'
import { HistoryVersionError, openHistoryStore } from './history-store'
import { MIGRATIONS, migrate, type Migration } from './migrations'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-migrate-'))
  file = join(dir, 'history.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const versionOf = (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

describe('openDatabase', () => {
  it('uses WAL, foreign keys, a busy timeout and synchronous=NORMAL on a file', () => {
    const db = openDatabase({ file })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    db.close()
  })

  it('names the file when it is not a SQLite database', () => {
    writeFileSync(file, 'this is not a database, just some text that is long enough to look like a header'.repeat(20))
    expect(() => openHistoryStore({ file })).toThrow(
      /Cannot open the chat history at .*history\.sqlite: file is not a database/,
    )
  })
})

describe('migrate', () => {
  it('creates the latest schema on a new file', () => {
    const store = openHistoryStore({ file })
    store.close()
    expect(versionOf(file)).toBe(MIGRATIONS.length)
  })

  it('upgrades a version-1 file and keeps its data, which becomes searchable', async () => {
    const old = openDatabase({ file })
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 })
    old
      .prepare(
        `INSERT INTO conversations (id, title, model, system_prompt, created_at, updated_at)
      VALUES ('c1', 'Old chat', 'llama3:latest', 'Be kind.', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z')`,
      )
      .run()
    old
      .prepare(
        `INSERT INTO messages (id, conversation_id, seq, role, content, status, stats, created_at, updated_at)
      VALUES ('m1', 'c1', 1, 'user', 'an ancient question about zebras', 'complete', NULL, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'),
             ('m2', 'c1', 2, 'assistant', 'an old answer', 'streaming', '{"replyTokens":3}', '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z')`,
      )
      .run()
    old.close()

    const store = openHistoryStore({ file })
    expect(versionOf(file)).toBe(MIGRATIONS.length)
    expect(store.listConversations()).toMatchObject([
      { id: 'c1', title: 'Old chat', systemPrompt: 'Be kind.', messageCount: 2, preview: 'an old answer' },
    ])
    // Replies saved before context reports existed read as having none.
    expect(store.getMessage('m2')).toMatchObject({
      content: 'an old answer',
      stats: { replyTokens: 3 },
      status: 'streaming',
      context: null,
      notice: null,
    })
    expect((await store.search({ query: 'zebra' })).hits.map((hit) => hit.messageId)).toEqual(['m1'])
    expect((await store.search({ query: 'chat' })).hits.map((hit) => hit.messageId)).toEqual(['m1'])
    expect(store.markInterrupted()).toBe(1)
    store.close()
  })

  it('adds the context report and notice columns to a version-2 file, rejecting anything but JSON in them', () => {
    const old = openDatabase({ file })
    migrate(old, MIGRATIONS.slice(0, 2))
    old.prepare(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Chat', 'x', 'x')`).run()
    old.close()
    const store = openHistoryStore({ file })
    const reply = store.appendMessage({ conversationId: 'c1', role: 'assistant', content: 'ok', status: 'complete' })
    const report = {
      asked: 4096,
      source: 'custom' as const,
      effective: 4096,
      promptTokens: 4000,
      replyTokens: 20,
      truncated: true,
      droppedMessages: 3,
      messageCut: false,
      lengthLimited: false,
      systemPromptChars: 12,
    }
    expect(store.updateMessage(reply.id, { context: report })?.context).toEqual(report)
    const notice = store.appendMessage({
      conversationId: 'c1',
      role: 'notice',
      content: 'n',
      status: 'complete',
      notice: { kind: 'context-setting' },
    })
    expect(store.getMessage(notice.id)?.notice).toEqual({ kind: 'context-setting' })
    store.close()
    const raw = new Database(file)
    expect(() => raw.prepare(`UPDATE messages SET context = 'not json' WHERE id = ?`).run(reply.id)).toThrow(
      /CHECK constraint failed/,
    )
    raw.close()
  })

  it('refuses a file from a newer version and leaves it untouched', () => {
    const newer = openDatabase({ file })
    migrate(newer)
    newer.pragma('user_version = 99')
    newer.close()
    const before = readFileSync(file)

    expect(() => openHistoryStore({ file })).toThrow(HistoryVersionError)
    expect(() => openHistoryStore({ file })).toThrow(
      /newer version of ollmchat \(schema 99; this version knows up to 7\)/,
    )
    expect(versionOf(file)).toBe(99)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('rolls a failing migration back and keeps the earlier ones', () => {
    const db = openDatabase({ file })
    const broken: Migration[] = [
      { version: 1, description: 'good', up: (d) => d.exec('CREATE TABLE good (x)') },
      { version: 2, description: 'bad', up: (d) => d.exec('CREATE TABLE half (x); INSERT INTO nowhere VALUES (1)') },
    ]
    expect(() => migrate(db, broken)).toThrow(/no such table: nowhere/)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((row) => row.name)
    expect(tables).toContain('good')
    expect(tables).not.toContain('half')
    db.close()
  })

  it('applies nothing twice and rejects a list with gaps', () => {
    const db = openDatabase({ file: ':memory:' })
    expect(migrate(db)).toEqual({ from: 0, to: 7 })
    expect(migrate(db)).toEqual({ from: 7, to: 7 })
    const gap: Migration[] = [{ version: 2, description: 'skips one', up: () => {} }]
    expect(() => migrate(db, gap)).toThrow(/has version 2, expected 1/)
    db.close()
  })
})
