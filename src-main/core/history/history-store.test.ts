import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSteppingClock } from './test-fixtures/clock'
import { expectAppFailure } from './test-fixtures/expect-app-failure'

let store: HistoryStore
let clock: ReturnType<typeof createSteppingClock>

beforeEach(() => {
  clock = createSteppingClock()
  store = openHistoryStore({ file: ':memory:', now: clock.now })
})
afterEach(() => store.close())

describe('conversations', () => {
  it('creates with defaults and reads back', () => {
    const created = store.createConversation({ model: 'llama3:latest' })
    expect(created).toMatchObject({
      title: 'New chat',
      model: 'llama3:latest',
      systemPrompt: '',
      messageCount: 0,
      preview: '',
    })
    expect(created.createdAt).toBe(created.updatedAt)
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(store.getConversation(created.id)).toEqual(created)
    expect(store.getConversation('nope')).toBeNull()
  })

  it('keeps a given title, system prompt and null model; a blank title becomes the default', () => {
    const named = store.createConversation({ model: null, title: '  Trip plans ', systemPrompt: 'Be brief.' })
    expect(named).toMatchObject({ title: 'Trip plans', model: null, systemPrompt: 'Be brief.' })
    expect(store.createConversation({ model: null, title: '   ' }).title).toBe('New chat')
  })

  it('lists newest activity first, with message counts and the last message as preview', () => {
    const first = store.createConversation({ model: 'a' })
    const second = store.createConversation({ model: 'b' })
    expect(store.listConversations().map((c) => c.id)).toEqual([second.id, first.id])

    store.appendMessage({ conversationId: first.id, role: 'user', content: 'Hello\n\n  there', status: 'complete' })
    store.appendMessage({
      conversationId: first.id,
      role: 'assistant',
      content: 'General   Kenobi',
      status: 'complete',
    })
    store.appendMessage({
      conversationId: first.id,
      role: 'notice',
      content: 'Fell back to the base model.',
      status: 'complete',
    })
    store.appendMessage({ conversationId: first.id, role: 'assistant', content: '', status: 'streaming' })

    const listed = store.listConversations()
    expect(listed.map((c) => c.id)).toEqual([first.id, second.id])
    expect(listed[0]).toMatchObject({ messageCount: 4, preview: 'General Kenobi' })
    expect(listed[1]).toMatchObject({ messageCount: 0, preview: '' })
  })

  it('cuts long previews at 120 characters without splitting a character', () => {
    const conversation = store.createConversation({ model: 'a' })
    store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: '😀'.repeat(200),
      status: 'complete',
    })
    const preview = store.getConversation(conversation.id)?.preview ?? ''
    expect(Array.from(preview)).toHaveLength(121)
    expect(preview.endsWith('😀…')).toBe(true)
  })

  it('breaks ties between equal times by creation order', () => {
    const fixed = new Date('2025-01-01T00:00:00.000Z')
    const frozen = openHistoryStore({ file: ':memory:', now: () => fixed })
    const ids = [1, 2, 3].map(() => frozen.createConversation({ model: null }).id)
    expect(frozen.listConversations().map((c) => c.id)).toEqual(ids.reverse())
    frozen.close()
  })

  it('updates metadata without moving the conversation in the list', () => {
    const older = store.createConversation({ model: 'a', systemPrompt: 'old' })
    const newer = store.createConversation({ model: 'b' })
    const updated = store.updateConversation(older.id, { title: ' Renamed ', model: null, systemPrompt: 'new' })
    expect(updated).toMatchObject({ title: 'Renamed', model: null, systemPrompt: 'new', updatedAt: older.updatedAt })
    expect(store.listConversations()[0]?.id).toBe(newer.id)

    expect(store.updateConversation(older.id, { systemPrompt: 'only this' })).toMatchObject({
      title: 'Renamed',
      model: null,
    })
    expect(store.updateConversation(newer.id, { title: 'x' })?.model).toBe('b')
    expect(store.updateConversation('nope', { title: 'x' })).toBeNull()
    expectAppFailure(() => store.updateConversation(older.id, { title: '  ' }), 'INVALID_INPUT')
  })

  it('soft-deletes and restores', () => {
    const kept = store.createConversation({ model: 'a' })
    const gone = store.createConversation({ model: 'b' })
    store.appendMessage({ conversationId: gone.id, role: 'user', content: 'hi', status: 'complete' })

    expect(store.deleteConversation(gone.id)).toBe(true)
    expect(store.deleteConversation(gone.id)).toBe(false)
    expect(store.deleteConversation('nope')).toBe(false)
    expect(store.getConversation(gone.id)).toBeNull()
    expect(store.updateConversation(gone.id, { title: 'x' })).toBeNull()
    expect(store.listConversations().map((c) => c.id)).toEqual([kept.id])

    const restored = store.restoreConversation(gone.id)
    expect(restored).toMatchObject({ id: gone.id, messageCount: 1 })
    expect(store.listConversations().map((c) => c.id)).toEqual([gone.id, kept.id])
    expect(store.restoreConversation(kept.id)?.id).toBe(kept.id)
    expect(store.restoreConversation('nope')).toBeNull()
  })

  it('purges only conversations deleted before the given time, with their messages', () => {
    const early = store.createConversation({ model: 'a' })
    const message = store.appendMessage({ conversationId: early.id, role: 'user', content: 'bye', status: 'complete' })
    store.deleteConversation(early.id)
    const cutoff = clock.now()
    const late = store.createConversation({ model: 'b' })
    store.deleteConversation(late.id)
    const alive = store.createConversation({ model: 'c' })

    expect(store.purgeDeleted(cutoff)).toBe(1)
    expect(store.restoreConversation(early.id)).toBeNull()
    expect(store.getMessage(message.id)).toBeNull()
    expect(store.restoreConversation(late.id)?.id).toBe(late.id)
    expect(store.purgeDeleted(clock.now())).toBe(0)
    expect(store.listConversations().map((c) => c.id)).toEqual([alive.id, late.id])
  })
})

describe('files', () => {
  it('keeps everything across close and reopen, and close is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-history-'))
    try {
      const file = join(dir, 'nested', 'history.sqlite')
      const first = openHistoryStore({
        file,
        newId: (() => {
          let n = 0
          return () => `id-${++n}`
        })(),
      })
      const conversation = first.createConversation({ model: 'a', title: 'Kept' })
      first.appendMessage({ conversationId: conversation.id, role: 'user', content: 'still here', status: 'complete' })
      first.close()
      first.close()

      const second = openHistoryStore({ file })
      expect(second.listConversations()).toMatchObject([
        { id: 'id-1', title: 'Kept', messageCount: 1, preview: 'still here' },
      ])
      expect((await second.search({ query: 'still' })).hits.map((hit) => hit.messageId)).toEqual(['id-2'])
      second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
