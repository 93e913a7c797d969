import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore } from './history-store'
import { repairPaths } from './path-repair'
import { createSteppingClock } from './test-fixtures/clock'

let dir: string
const file = () => join(dir, 'history.sqlite')
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-path-repair-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Rows lost as a damaged page loses them: gone without the app's own clean-up of the tree. */
function loseRows(sql: string, ...ids: string[]): number {
  const db = new Database(file())
  try {
    for (const id of ids) db.prepare(sql).run(id)
    return repairPaths(db)
  } finally {
    db.close()
  }
}

describe('repairing paths after lost rows', () => {
  it('closes the gap a lost path message left, keeps an older version of the first message a root, and re-hangs an orphaned version', () => {
    let store = openHistoryStore({ file: file(), now: createSteppingClock().now })
    const { id } = store.createConversation({ model: 'm' })
    const say = (role: 'user' | 'assistant', content: string) =>
      store.appendMessage({ conversationId: id, role, content, status: 'complete' })
    const q1 = say('user', 'q1')
    say('assistant', 'a1')
    // An edited first question, then the original shown again: a root off the path, after the path's root.
    const edited = store.appendVersionOf(q1.id, {
      conversationId: id,
      role: 'user',
      content: 'q1 edited',
      status: 'complete',
    })
    store.showVersion(id, edited.id, 1)
    const q2 = say('user', 'q2')
    const a2 = say('assistant', 'a2')
    const a2Again = store.appendVersionOf(a2.id, {
      conversationId: id,
      role: 'assistant',
      content: 'a2 again',
      status: 'complete',
    })
    say('user', 'q3')
    store.close()

    // q2 is lost: a2 (off the path now) and its newer version hang from nothing, and the path has a gap.
    expect(loseRows('DELETE FROM messages WHERE id = ?', q2.id)).toBe(2)

    store = openHistoryStore({ file: file() })
    const path = store.listMessages(id)
    expect(path.map((message) => message.content)).toEqual(['q1', 'a1', 'a2 again', 'q3'])
    path.forEach((message, index) => expect(message.parentId).toBe(index === 0 ? null : path[index - 1]?.id))
    const tree = store.listMessageTree(id)
    expect(tree.find((message) => message.id === edited.id)).toMatchObject({ parentId: null, onPath: false })
    expect(tree.find((message) => message.id === a2.id)).toMatchObject({ parentId: path[1]?.id, onPath: false })
    expect(store.getMessage(a2Again.id)?.versions).toEqual({ index: 2, count: 2 })
    expect(store.getMessage(q1.id)?.versions).toEqual({ index: 1, count: 2 })
    store.close()
  })

  it('changes nothing in a sound tree', () => {
    const store = openHistoryStore({ file: file() })
    const { id } = store.createConversation({ model: 'm' })
    const q = store.appendMessage({ conversationId: id, role: 'user', content: 'q', status: 'complete' })
    const a = store.appendMessage({ conversationId: id, role: 'assistant', content: 'a', status: 'complete' })
    store.appendVersionOf(a.id, { conversationId: id, role: 'assistant', content: 'b', status: 'complete' })
    store.appendVersionOf(q.id, { conversationId: id, role: 'user', content: 'q again', status: 'complete' })
    store.close()
    expect(loseRows('SELECT ?')).toBe(0)
  })
})
