import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openHistoryStore } from './history-store'
import { createSteppingClock } from './test-fixtures/clock'

describe('search index integrity', () => {
  it('matches the messages exactly after a mixed workload (FTS5 integrity-check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-fts-'))
    const file = join(dir, 'history.sqlite')
    const store = openHistoryStore({ file, now: createSteppingClock().now })
    const ids: string[] = []
    for (let i = 0; i < 12; i += 1) {
      const conversation = store.createConversation({ model: 'm', title: `topic ${i}` })
      ids.push(conversation.id)
      for (let j = 0; j < 5; j += 1) {
        const message = store.appendMessage({
          conversationId: conversation.id,
          role: 'user',
          content: `word${j} in chat ${i}`,
          status: 'streaming',
        })
        store.updateMessage(message.id, { content: `${message.content} grown`, status: 'complete' })
      }
      if (i % 3 === 0) store.updateConversation(conversation.id, { title: `renamed ${i}` })
      if (i % 4 === 1) store.deleteConversation(conversation.id)
    }
    store.discardFrom(ids[2] ?? '', store.listMessages(ids[2] ?? '')[1]?.id ?? '')
    store.purgeDeleted(new Date('2100-01-01T00:00:00.000Z'))
    store.close()

    const db = new Database(file)
    try {
      // rank = 1 makes FTS5 also compare the index with the external content (the view), not only itself.
      const check = () =>
        db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run()
      expect(check).not.toThrow()
      // The check must be able to fail: an index entry without its message is reported as corruption.
      db.prepare("INSERT INTO message_search (rowid, content, title) VALUES (999999, 'ghost', 'ghost')").run()
      expect(check).toThrow(/malformed/i)
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
