import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSteppingClock } from './test-fixtures/clock'

let store: HistoryStore
let clock: ReturnType<typeof createSteppingClock>

beforeEach(() => {
  clock = createSteppingClock()
  store = openHistoryStore({ file: ':memory:', now: clock.now })
})
afterEach(() => store.close())

const expectFailure = (run: () => unknown, code: string) => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe(code)
    return
  }
  expect.unreachable('expected an AppFailure')
}

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
    expectFailure(() => store.updateConversation(older.id, { title: '  ' }), 'INVALID_INPUT')
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

describe('messages', () => {
  it('appends in order with defaults, and the conversation becomes the most recent', () => {
    const conversation = store.createConversation({ model: 'a' })
    const other = store.createConversation({ model: 'b' })
    const user = store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: 'one',
      status: 'complete',
    })
    const reply = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      thinking: 'hmm',
      status: 'streaming',
      model: 'llama3:latest',
      servedBy: 'ollmchat-temp/llama3-oc8192',
      numCtx: 8192,
    })
    expect(user).toMatchObject({
      role: 'user',
      thinking: '',
      model: null,
      servedBy: null,
      numCtx: null,
      error: null,
      stats: null,
    })
    expect(reply).toMatchObject({
      thinking: 'hmm',
      status: 'streaming',
      servedBy: 'ollmchat-temp/llama3-oc8192',
      numCtx: 8192,
    })
    expect(store.listMessages(conversation.id).map((m) => m.id)).toEqual([user.id, reply.id])
    expect(store.getMessage(reply.id)).toEqual(reply)
    expect(store.getMessage('nope')).toBeNull()
    expect(store.listMessages(other.id)).toEqual([])

    const touched = store.getConversation(conversation.id)
    expect(touched?.updatedAt).toBe(reply.createdAt)
    expect(store.listConversations()[0]?.id).toBe(conversation.id)
  })

  it('refuses an unknown conversation but accepts a soft-deleted one', () => {
    expectFailure(
      () => store.appendMessage({ conversationId: 'nope', role: 'user', content: 'x', status: 'complete' }),
      'NOT_FOUND',
    )
    const conversation = store.createConversation({ model: 'a' })
    store.deleteConversation(conversation.id)
    const late = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'late',
      status: 'complete',
    })
    expect(store.listMessages(conversation.id).map((m) => m.id)).toEqual([late.id])
    expect(store.getConversation(conversation.id)).toBeNull()
  })

  it('round-trips error and stats as JSON, keeping only their known fields', () => {
    const conversation = store.createConversation({ model: 'a' })
    const stats = { promptTokens: 12, replyTokens: 40, totalMs: 1500.5, tokensPerSecond: 26.7 }
    const error = { code: 'OLLAMA_STREAM_ERROR' as const, message: 'The model stopped.', detail: 'out of memory' }
    const saved = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'x',
      status: 'error',
      error,
      stats,
    })
    expect(store.getMessage(saved.id)).toMatchObject({ error, stats })

    const noisy = { promptTokens: 3, extra: 'dropped', totalMs: Number.NaN } as unknown as typeof stats
    const updated = store.updateMessage(saved.id, { stats: noisy, error: { code: 'CANCELLED', message: 'Stopped.' } })
    expect(updated?.stats).toEqual({ promptTokens: 3 })
    expect(updated?.error).toEqual({ code: 'CANCELLED', message: 'Stopped.' })
  })

  it('updates only the fields in the patch', () => {
    const conversation = store.createConversation({ model: 'a' })
    const reply = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'par',
      thinking: 't',
      status: 'streaming',
      numCtx: 4096,
      error: { code: 'OLLAMA_ERROR', message: 'x' },
    })
    const checkpoint = store.updateMessage(reply.id, { content: 'partial' })
    expect(checkpoint).toMatchObject({
      content: 'partial',
      thinking: 't',
      status: 'streaming',
      numCtx: 4096,
      servedBy: null,
    })
    expect((checkpoint?.updatedAt ?? '') > reply.updatedAt).toBe(true)
    expect(checkpoint?.createdAt).toBe(reply.createdAt)

    const done = store.updateMessage(reply.id, {
      status: 'complete',
      servedBy: 'llama3:latest',
      numCtx: null,
      error: null,
      thinking: '',
    })
    expect(done).toMatchObject({
      content: 'partial',
      thinking: '',
      status: 'complete',
      servedBy: 'llama3:latest',
      numCtx: null,
      error: null,
    })
    expect(store.getMessage(reply.id)).toEqual(done)
    expect(store.updateMessage('nope', { content: 'x' })).toBeNull()
  })

  it('does not move the conversation when a message is updated', () => {
    const conversation = store.createConversation({ model: 'a' })
    const reply = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    })
    const before = store.getConversation(conversation.id)?.updatedAt
    store.updateMessage(reply.id, { content: 'more' })
    expect(store.getConversation(conversation.id)?.updatedAt).toBe(before)
  })

  it('marks streaming messages interrupted and leaves the others', () => {
    const conversation = store.createConversation({ model: 'a' })
    const streaming = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'half',
      status: 'streaming',
    })
    const done = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'full',
      status: 'complete',
    })
    expect(store.markInterrupted()).toBe(1)
    expect(store.getMessage(streaming.id)).toMatchObject({ status: 'interrupted', content: 'half' })
    expect(store.getMessage(done.id)?.status).toBe('complete')
    expect(store.markInterrupted()).toBe(0)
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
