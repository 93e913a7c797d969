import { describe, expect, it, vi } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { ChatTurn } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeMessage } from '../test-support/fixtures'
import {
  C1,
  firstCallTo,
  reply1,
  reply2,
  startReply,
  turnOf,
  user1,
  user2,
  withOpenConversation,
} from '../test-support/chat-store-fixture'

// Regenerating and editing a turn, and how a turn that starts reorders and retitles the list.

describe('regenerating and editing in an open conversation', () => {
  it('regenerates the last reply: the old one is replaced as soon as the new one starts, without re-reading', async () => {
    const harness = await withOpenConversation([user1, reply1])
    const { fake, store } = harness
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:regenerate', () => reply.promise)
    const regenerating = store.getState().regenerate('c1')
    const { requestId } = await firstCallTo(fake, 'chat:regenerate')
    const streaming = startReply(fake, { requestId, userMessage: null, reply: { id: 'a9', parentId: 'u1' } })
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
    const call = await firstCallTo(fake, 'chat:editAndResend')
    expect(call).toMatchObject({ conversationId: 'c1', messageId: 'u1', text: 'Hello instead' })
    const edited = { ...user1, id: 'u1b', content: 'Hello instead', versions: { index: 2, count: 2 } }
    const streaming = startReply(fake, {
      requestId: call.requestId,
      userMessage: edited,
      reply: { id: 'a7', parentId: 'u1b' },
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
    const newer = makeConversation({ id: 'c2', updatedAt: '2026-08-01T12:00:00.000Z' })
    const harness = await withOpenConversation([], { listed: [newer, C1] })
    harness.fake.handle('chat:send', () => new Promise(() => undefined))
    void harness.store.getState().send('Hi')
    const { requestId } = await firstCallTo(harness.fake, 'chat:send')
    const titled = { ...C1, title: 'Hi', updatedAt: '2026-08-01T13:00:00.000Z' }
    startReply(harness.fake, {
      requestId,
      userMessage: user1,
      reply: { id: 'a1', parentId: 'u1', createdAt: '2026-08-01T13:00:00.000Z' },
      conversation: titled,
    })
    expect(harness.store.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c2'])
    expect(harness.store.getState().conversations[0]?.title).toBe('Hi')
  })

  it('puts an edited message beside the original: the list keeps what came before it and drops what followed', async () => {
    const { fake, store } = await withOpenConversation([user1, reply1, user2, reply2])
    fake.handle('chat:editAndResend', () => new Promise(() => undefined))
    void store.getState().editAndResend('c1', 'u2', 'Other')
    const { requestId } = await firstCallTo(fake, 'chat:editAndResend')
    const rewritten = { ...user2, id: 'u2b', content: 'Other' }
    startReply(fake, { requestId, userMessage: rewritten, reply: { id: 'a3', parentId: 'u2b' } })
    expect(store.getState().messagesByConversation.c1?.map((m) => `${m.id}:${m.content}`)).toEqual([
      'u1:Hi',
      'a1:Hello!',
      'u2b:Other',
      'a3:',
    ])
  })
})
