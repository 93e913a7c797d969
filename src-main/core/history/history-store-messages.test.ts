import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSteppingClock } from './test-fixtures/clock'
import { expectAppFailure } from './test-fixtures/expect-app-failure'

// The conversation side and reopening a file are in history-store.test.ts.
let store: HistoryStore

beforeEach(() => {
  store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
})
afterEach(() => store.close())

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
    expectAppFailure(
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
