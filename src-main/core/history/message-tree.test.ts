import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import { openDatabase } from './database'
import { openHistoryStore, type HistoryStore } from './history-store'
import { MIGRATIONS, migrate } from './migrations'
import { createSteppingClock } from './test-fixtures/clock'

let store: HistoryStore

beforeEach(() => {
  store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
})
afterEach(() => store.close())

const failureCode = (run: () => unknown): string | undefined => {
  try {
    run()
  } catch (error) {
    return error instanceof AppFailure ? error.code : 'not an AppFailure'
  }
  return undefined
}

/** A conversation of `texts`, alternating user and assistant messages; returns its id and the message ids. */
function conversationOf(texts: string[]): { id: string; ids: string[] } {
  const { id } = store.createConversation({ model: 'm' })
  const ids = texts.map(
    (content, index) =>
      store.appendMessage({
        conversationId: id,
        role: index % 2 === 0 ? 'user' : 'assistant',
        content,
        status: 'complete',
      }).id,
  )
  return { id, ids }
}

const pathOf = (conversationId: string) => store.listMessages(conversationId).map((message) => message.content)

describe('the message tree', () => {
  it('links each appended message to the one before and counts no versions for a straight conversation', () => {
    const { id, ids } = conversationOf(['q1', 'a1', 'q2'])
    const messages = store.listMessages(id)
    expect(messages.map((message) => message.parentId)).toEqual([null, ids[0], ids[1]])
    expect(messages.every((message) => message.versions.index === 1 && message.versions.count === 1)).toBe(true)
  })

  it('keeps the replaced reply as a version and shows either, with what followed each', () => {
    const { id, ids } = conversationOf(['q1', 'a1', 'q2', 'a2'])
    store.branchFrom(id, ids[1] ?? '')
    expect(pathOf(id)).toEqual(['q1'])
    const second = store.appendMessage({
      conversationId: id,
      role: 'assistant',
      content: 'a1 again',
      status: 'complete',
    })
    store.appendMessage({ conversationId: id, role: 'user', content: 'q2 after', status: 'complete' })

    expect(pathOf(id)).toEqual(['q1', 'a1 again', 'q2 after'])
    expect(store.listMessages(id)[1]?.versions).toEqual({ index: 2, count: 2 })
    expect(store.getConversation(id)?.messageCount).toBe(3)
    expect(store.getConversation(id)?.preview).toBe('q2 after')

    const tail = store.showVersion(id, second.id, 1)
    expect(tail?.map((message) => message.content)).toEqual(['a1', 'q2', 'a2'])
    expect(pathOf(id)).toEqual(['q1', 'a1', 'q2', 'a2'])
    expect(store.listMessages(id)[1]?.versions).toEqual({ index: 1, count: 2 })

    // Back to version 2: its own continuation, not the first one's.
    store.showVersion(id, ids[1] ?? '', 2)
    expect(pathOf(id)).toEqual(['q1', 'a1 again', 'q2 after'])
    expect(store.showVersion(id, second.id, 2)).toBeNull()
    expect(store.listMessageTree(id).map((message) => [message.content, message.onPath])).toEqual([
      ['q1', true],
      ['a1', false],
      ['q2', false],
      ['a2', false],
      ['a1 again', true],
      ['q2 after', true],
    ])
  })

  it('follows, below a version, the branch it was last shown with', () => {
    const { id, ids } = conversationOf(['q1', 'a1', 'q2', 'a2'])
    // Two versions of q2 under a1, then a second version of a1 above them.
    store.branchFrom(id, ids[2] ?? '')
    const q2b = store.appendMessage({ conversationId: id, role: 'user', content: 'q2b', status: 'complete' })
    store.showVersion(id, q2b.id, 1)
    store.showVersion(id, ids[2] ?? '', 2)
    expect(pathOf(id)).toEqual(['q1', 'a1', 'q2b'])
    store.branchFrom(id, ids[1] ?? '')
    store.appendMessage({ conversationId: id, role: 'assistant', content: 'a1b', status: 'complete' })
    store.showVersion(id, store.listMessages(id)[1]?.id ?? '', 1)
    expect(pathOf(id)).toEqual(['q1', 'a1', 'q2b'])
  })

  it('makes an edit of the first message a version beside it', () => {
    const { id, ids } = conversationOf(['q1', 'a1'])
    store.branchFrom(id, ids[0] ?? '')
    const edited = store.appendMessage({ conversationId: id, role: 'user', content: 'q1 edited', status: 'complete' })
    expect(edited.parentId).toBeNull()
    expect(edited.versions).toEqual({ index: 2, count: 2 })
    expect(pathOf(id)).toEqual(['q1 edited'])
    expect(store.getConversation(id)?.messageCount).toBe(1)
  })

  it('adds an edited version in one step, and a failing append leaves the path as it was', () => {
    const { id, ids } = conversationOf(['q1', 'a1', 'q2', 'a2'])
    const edited = store.appendVersionOf(ids[2] ?? '', {
      conversationId: id,
      role: 'user',
      content: 'q2 edited',
      status: 'complete',
    })
    expect(edited.versions).toEqual({ index: 2, count: 2 })
    expect(pathOf(id)).toEqual(['q1', 'a1', 'q2 edited'])

    // An image the table cannot hold (no bytes) makes the append throw after the path was cut.
    const unstorable = [{ mime: 'image/png', data: null }] as unknown as Parameters<HistoryStore['appendVersionOf']>[2]
    expect(() =>
      store.appendVersionOf(
        edited.id,
        { conversationId: id, role: 'user', content: 'q2 again', status: 'complete' },
        unstorable,
      ),
    ).toThrow()
    expect(pathOf(id)).toEqual(['q1', 'a1', 'q2 edited'])
    expect(store.listMessageTree(id).map((message) => message.content)).not.toContain('q2 again')
  })

  it('deletes a discarded reply, but only leaves the path when a version hangs below it', () => {
    const { id, ids } = conversationOf(['q1', 'a1'])
    expect(store.discardFrom(id, ids[1] ?? '')).toBe(1)
    expect(store.listMessageTree(id).map((message) => message.content)).toEqual(['q1'])

    const kept = conversationOf(['q1', 'a1', 'q2'])
    store.branchFrom(kept.id, kept.ids[2] ?? '')
    store.appendMessage({ conversationId: kept.id, role: 'user', content: 'q2b', status: 'complete' })
    store.discardFrom(kept.id, kept.ids[1] ?? '')
    expect(store.listMessageTree(kept.id)).toHaveLength(4)
    expect(pathOf(kept.id)).toEqual(['q1'])
  })

  it("refuses a message off the path, another conversation's, or a version that does not exist", () => {
    const { id, ids } = conversationOf(['q1', 'a1'])
    const other = conversationOf(['x'])
    expect(failureCode(() => store.branchFrom(id, other.ids[0] ?? ''))).toBe('NOT_FOUND')
    expect(failureCode(() => store.showVersion(id, ids[1] ?? '', 2))).toBe('INVALID_INPUT')
    store.branchFrom(id, ids[1] ?? '')
    expect(failureCode(() => store.showVersion(id, ids[1] ?? '', 1))).toBe('NOT_FOUND')
    expect(failureCode(() => store.listNewestMessages(id, { limit: 5, before: ids[1] ?? '' }))).toBe('NOT_FOUND')
  })

  it('pages through the path only', () => {
    const { id, ids } = conversationOf(['q1', 'a1', 'q2', 'a2'])
    store.branchFrom(id, ids[3] ?? '')
    const a2b = store.appendMessage({ conversationId: id, role: 'assistant', content: 'a2b', status: 'complete' })
    expect(store.listNewestMessages(id, { limit: 2 }).messages.map((message) => message.content)).toEqual(['q2', 'a2b'])
    expect(store.listNewestMessages(id, { limit: 5, before: a2b.id })).toMatchObject({ hasOlder: false })
  })
})

describe('migrating a history from before the tree', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ollmchat-tree-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('turns each conversation into one straight path, every message on it', () => {
    const file = join(dir, 'history.sqlite')
    const old = openDatabase({ file })
    migrate(old, MIGRATIONS.slice(0, 4))
    old.exec(`
      INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'One', 't', 't'), ('c2', 'Two', 't', 't');
      INSERT INTO messages (id, conversation_id, seq, role, content, status, created_at, updated_at) VALUES
        ('m1', 'c1', 1, 'user', 'hello', 'complete', 't', 't'),
        ('m2', 'c1', 2, 'assistant', 'hi', 'complete', 't', 't'),
        ('n1', 'c2', 1, 'user', 'other', 'complete', 't', 't'),
        ('m3', 'c1', 3, 'user', 'again', 'complete', 't', 't');
    `)
    old.close()

    const reopened = openHistoryStore({ file })
    expect(reopened.listMessages('c1').map((message) => [message.id, message.parentId])).toEqual([
      ['m1', null],
      ['m2', 'm1'],
      ['m3', 'm2'],
    ])
    expect(reopened.listMessages('c2').map((message) => message.parentId)).toEqual([null])
    const next = reopened.appendMessage({ conversationId: 'c1', role: 'assistant', content: 'ok', status: 'complete' })
    expect(next.parentId).toBe('m3')
    reopened.close()

    const raw = new Database(file, { readonly: true })
    expect(raw.prepare('SELECT count(*) AS n FROM messages WHERE on_path = 1').get()).toEqual({ n: 5 })
    raw.close()
  })
})
