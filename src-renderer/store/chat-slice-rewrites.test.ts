import { describe, expect, it, vi } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { ChatTurn } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import {
  C1,
  reply1,
  reply2,
  turnOf,
  user1,
  user2,
  waitForCall,
  withOpenConversation,
} from '../test-support/chat-store-fixture'
import { bootApp } from './boot'

// Regenerating and editing a turn, and how a turn that starts reorders and retitles the list.

describe('regenerating and editing in an open conversation', () => {
  it('regenerates the last reply: the old one is replaced as soon as the new one starts, without re-reading', async () => {
    const harness = await withOpenConversation([user1, reply1])
    const { fake, store } = harness
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:regenerate', () => reply.promise)
    const regenerating = store.getState().regenerate('c1')
    await waitForCall(() => fake.callsTo('chat:regenerate').length)
    const { requestId } = fake.callsTo('chat:regenerate')[0]!
    const streaming = makeMessage({
      id: 'a9',
      conversationId: 'c1',
      role: 'assistant',
      status: 'streaming',
      parentId: 'u1',
    })
    fake.emit('chat:started', {
      requestId,
      conversationId: 'c1',
      conversation: C1,
      userMessage: null,
      assistantMessage: streaming,
    })
    expect(store.getState().messagesByConversation.c1?.map((m) => m.id)).toEqual(['u1', 'a9'])
    const final = { ...streaming, content: 'Hi again!', status: 'complete' as const }
    const getsBefore = fake.callsTo('conversations:get').length
    reply.resolve(ok(turnOf(final, null)))
    expect(await regenerating).toBe(true)
    expect(fake.callsTo('conversations:get').length).toBe(getsBefore)
    expect(store.getState().messagesByConversation.c1?.map((m) => `${m.id}:${m.content}`)).toEqual([
      'u1:Hi',
      'a9:Hi again!',
    ])
  })

  it('re-reads the conversation after a regenerate whose chat:started was missed', async () => {
    const { fake, store } = await withOpenConversation([user1, reply1])
    const final = makeMessage({ id: 'a9', conversationId: 'c1', role: 'assistant', content: 'Hi again!' })
    fake.handle('chat:regenerate', () => ok(turnOf(final, null)))
    fake.handle('conversations:get', () => ok({ conversation: C1, messages: [user1, final] }))
    const getsBefore = fake.callsTo('conversations:get').length
    expect(await store.getState().regenerate('c1')).toBe(true)
    expect(fake.callsTo('conversations:get').length).toBe(getsBefore + 1)
    await vi.waitFor(() => expect(store.getState().messagesByConversation.c1?.map((m) => m.id)).toEqual(['u1', 'a9']))
  })

  it('edits an earlier message: the new version replaces it and everything after it in the list', async () => {
    const harness = await withOpenConversation([user1, reply1, user2, reply2])
    const { fake, store } = harness
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:editAndResend', () => reply.promise)
    const editing = store.getState().editAndResend('c1', 'u1', ' Hello instead ')
    await waitForCall(() => fake.callsTo('chat:editAndResend').length)
    const call = fake.callsTo('chat:editAndResend')[0]!
    expect(call).toMatchObject({ conversationId: 'c1', messageId: 'u1', text: 'Hello instead' })
    const edited = { ...user1, id: 'u1b', content: 'Hello instead', versions: { index: 2, count: 2 } }
    const streaming = makeMessage({
      id: 'a7',
      conversationId: 'c1',
      role: 'assistant',
      status: 'streaming',
      parentId: 'u1b',
    })
    fake.emit('chat:started', {
      requestId: call.requestId,
      conversationId: 'c1',
      conversation: C1,
      userMessage: edited,
      assistantMessage: streaming,
    })
    expect(store.getState().messagesByConversation.c1?.map((m) => `${m.id}:${m.content}`)).toEqual([
      'u1b:Hello instead',
      'a7:',
    ])
    reply.resolve(ok(turnOf({ ...streaming, content: 'Sure.', status: 'complete' }, edited)))
    expect(await editing).toBe(true)
    expect(store.getState().messagesByConversation.c1?.map((m) => m.id)).toEqual(['u1b', 'a7'])
  })
})

describe('ordering and edits', () => {
  it('moves a conversation to the top and shows its new title as soon as a turn starts in it', async () => {
    const harness = createStoreHarness()
    const newer = makeConversation({ id: 'c2', updatedAt: '2026-08-01T12:00:00.000Z' })
    harness.fake.handle('models:list', () =>
      ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
    )
    harness.fake.handle('conversations:list', () => ok({ conversations: [newer, C1] }))
    harness.fake.handle('conversations:get', () => ok({ conversation: C1, messages: [] }))
    harness.fake.handle('chat:send', () => new Promise(() => undefined))
    await bootApp(harness.store)
    await harness.store.getState().openConversation('c1')
    void harness.store.getState().send('Hi')
    await waitForCall(() => harness.fake.callsTo('chat:send').length)
    const { requestId } = harness.fake.callsTo('chat:send')[0]!
    const assistant = makeMessage({
      id: 'a1',
      parentId: 'u1',
      conversationId: 'c1',
      role: 'assistant',
      status: 'streaming',
      createdAt: '2026-08-01T13:00:00.000Z',
    })
    const titled = { ...C1, title: 'Hi', updatedAt: '2026-08-01T13:00:00.000Z' }
    harness.fake.emit('chat:started', {
      requestId,
      conversationId: 'c1',
      conversation: titled,
      userMessage: user1,
      assistantMessage: assistant,
    })
    expect(harness.store.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c2'])
    expect(harness.store.getState().conversations[0]?.title).toBe('Hi')
  })

  it('puts an edited message beside the original: the list keeps what came before it and drops what followed', async () => {
    const { fake, store } = await withOpenConversation([user1, reply1, user2, reply2])
    fake.handle('chat:editAndResend', () => new Promise(() => undefined))
    void store.getState().editAndResend('c1', 'u2', 'Other')
    await waitForCall(() => fake.callsTo('chat:editAndResend').length)
    const { requestId } = fake.callsTo('chat:editAndResend')[0]!
    const rewritten = { ...user2, id: 'u2b', content: 'Other' }
    const streaming = makeMessage({
      id: 'a3',
      conversationId: 'c1',
      role: 'assistant',
      status: 'streaming',
      parentId: 'u2b',
    })
    fake.emit('chat:started', {
      requestId,
      conversationId: 'c1',
      conversation: C1,
      userMessage: rewritten,
      assistantMessage: streaming,
    })
    expect(store.getState().messagesByConversation.c1?.map((m) => `${m.id}:${m.content}`)).toEqual([
      'u1:Hi',
      'a1:Hello!',
      'u2b:Other',
      'a3:',
    ])
  })
})
