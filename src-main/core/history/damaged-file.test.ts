import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordReliability } from '../../test-support/reliability-record'
import { damagedHistoryNotice } from '../startup-notices'
import type { DamagedHistoryFile } from './damaged-file'
import { openHistoryStore, type HistoryStore } from './history-store'
import { damagePages, writeHistory } from './test-fixtures/damage'

let dir: string
const historyFile = () => join(dir, 'history.sqlite')
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-damaged-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Opens the history as the app does, returning what `onDamaged` was told (`undefined` when the file was sound). */
function openAsAppDoes(): { store: HistoryStore; damaged: DamagedHistoryFile | undefined } {
  let damaged: DamagedHistoryFile | undefined
  const store = openHistoryStore({ file: historyFile(), onDamaged: (found) => (damaged = found) })
  return { store, damaged }
}

/** Every conversation opens on a path that is a chain (each message's parent is the one before it). */
function expectEveryConversationOpens(store: HistoryStore): void {
  for (const conversation of store.listConversations()) {
    const path = store.listMessages(conversation.id)
    path.forEach((message, index) => expect(message.parentId).toBe(index === 0 ? null : path[index - 1]?.id))
    expect(store.listNewestMessages(conversation.id, { limit: 5 }).messages.length).toBe(Math.min(5, path.length))
  }
}

describe('a damaged history file', () => {
  it('is checked without a write: the file, its -wal and its -shm are moved aside byte for byte as found', () => {
    recordReliability({
      topic: 'Damaged files',
      check:
        'pages overwritten mid-file, last commits still in the -wal: moved aside byte for byte, -wal and -shm included',
      cases: 1,
    })
    // A history whose last commits are still in its WAL, as when the app was killed: copied while a connection is open.
    writeHistory(join(dir, 'live.sqlite'), 40)
    const live = new Database(join(dir, 'live.sqlite'))
    live.pragma('wal_autocheckpoint = 0')
    live.prepare("UPDATE conversations SET title = 'Renamed last' WHERE pk = (SELECT max(pk) FROM conversations)").run()
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(join(dir, `live.sqlite${suffix}`), historyFile() + suffix)
    live.close()
    damagePages(historyFile(), 0.5, 6)
    const found = Object.fromEntries(
      ['', '-wal', '-shm'].map((suffix) => [suffix, readFileSync(historyFile() + suffix)]),
    )
    expect(found['-wal']?.length).toBeGreaterThan(0)

    const { store, damaged } = openAsAppDoes()
    store.close()
    expect(damaged?.backup).toMatch(/history\.damaged-.+\.sqlite$/)
    for (const [suffix, bytes] of Object.entries(found)) {
      expect(
        readFileSync((damaged?.backup ?? '') + suffix).equals(bytes as Buffer),
        `the backup's ${suffix || 'main file'}`,
      ).toBe(true)
    }
    // The last commit, in the WAL only, was recovered along with the rest.
    expect(damaged?.recovered.conversations).toBeGreaterThan(0)
  })

  it('damaged in the middle: most rows are recovered into the new history, every conversation opens, the notice counts them', async () => {
    recordReliability({
      topic: 'Damaged files',
      check: '8 pages overwritten mid-file: most rows recovered, every conversation opens, the notice counts them',
      cases: 1,
    })
    const written = writeHistory(historyFile(), 60)
    damagePages(historyFile(), 0.5, 8)

    const { store, damaged } = openAsAppDoes()
    try {
      expect(damaged).toBeDefined()
      const recovered = damaged?.recovered ?? { conversations: 0, messages: 0 }
      // Eight pages of a few hundred lose some rows, never most.
      expect(recovered.conversations).toBeGreaterThanOrEqual(written.conversations * 0.8)
      expect(recovered.messages).toBeGreaterThanOrEqual(written.messages * 0.8)
      expect(recovered.messages).toBeLessThan(written.messages)

      const conversations = store.listConversations()
      expect(conversations).toHaveLength(recovered.conversations)
      expect(conversations.reduce((sum, conversation) => sum + store.listMessageTree(conversation.id).length, 0)).toBe(
        recovered.messages,
      )
      expectEveryConversationOpens(store)

      // Regenerated replies keep their versions; images come along with their message.
      const versioned = store.listMessages(conversations.find((c) => c.title === 'Conversation 0')?.id ?? '').at(-1)
      if (versioned?.content === 'another answer of 0') expect(versioned.versions).toEqual({ index: 2, count: 2 })
      const firstQuestions = conversations
        .map((c) => store.listMessages(c.id)[0])
        .filter((m) => m?.content.startsWith('question 0 of 0 '))
      for (const question of firstQuestions) expect(store.readImage(question?.id ?? '', 0)?.mime).toBe('image/png')

      // The search index was rebuilt from what was kept.
      const someAnswer = store.listMessages(conversations[0]?.id ?? '').at(1)
      const hits = await store.search({ query: someAnswer?.content.split(' ').slice(0, 4).join(' ') ?? '' })
      expect(hits.hits.map((hit) => hit.messageId)).toContain(someAnswer?.id)

      const notice = damagedHistoryNotice(damaged as DamagedHistoryFile)
      expect(notice.file).toBe(damaged?.backup)
      expect(notice.message).toContain('moved it aside untouched')
      expect(notice.message).toContain(
        `recovered ${recovered.conversations} conversations with ${recovered.messages.toLocaleString('en-US')} messages`,
      )

      // A new message is written into the new history as into any.
      const first = conversations[0]?.id ?? ''
      const appended = store.appendMessage({
        conversationId: first,
        role: 'user',
        status: 'complete',
        content: 'still here',
      })
      expect(store.listMessages(first).at(-1)).toMatchObject({
        id: appended.id,
        parentId: store.listMessages(first).at(-2)?.id ?? null,
      })
    } finally {
      store.close()
    }
    const fresh = new Database(historyFile(), { readonly: true })
    expect(fresh.pragma('quick_check', { simple: true })).toBe('ok')
    expect(() =>
      fresh.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run(),
    ).toThrow(/readonly/)
    fresh.close()
    const reopened = new Database(historyFile())
    expect(() =>
      reopened.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow()
    reopened.close()
  })

  it('damaged at the start, with nothing readable: a new, empty history and a notice that says so', () => {
    recordReliability({
      topic: 'Damaged files',
      check: 'header pages overwritten, nothing readable: a new, empty history',
      cases: 1,
    })
    writeHistory(historyFile(), 5)
    damagePages(historyFile(), 0, 2)

    const { store, damaged } = openAsAppDoes()
    try {
      expect(damaged?.recovered).toEqual({ conversations: 0, messages: 0 })
      expect(store.listConversations()).toEqual([])
      expect(store.createConversation({ model: 'llama3' }).title).toBe('New chat')
      expect(damagedHistoryNotice(damaged as DamagedHistoryFile).message).toContain(
        'No conversation could be read from it, so the new history is empty.',
      )
    } finally {
      store.close()
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('history.damaged-'))).toHaveLength(1)
  })

  it('leaves a sound file where it is, checked but not rewritten', () => {
    writeHistory(historyFile(), 3)
    const before = readFileSync(historyFile())
    const { store, damaged } = openAsAppDoes()
    store.close()
    expect(damaged).toBeUndefined()
    expect(readFileSync(historyFile()).equals(before)).toBe(true)
    expect(existsSync(`${historyFile()}-wal`)).toBe(false)
  })
})
