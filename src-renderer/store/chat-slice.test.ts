import { describe, expect, it } from 'vitest'
import { ok, fail } from '../../src-shared/ipc/result'
import type { ChatTurn } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeMessage, makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import {
  C1,
  firstCallTo,
  reply1,
  startReply,
  turnOf,
  user1,
  waitForCall,
  withOpenConversation,
} from '../test-support/chat-store-fixture'
import { bootApp } from './boot'
import { selectInflightFor } from './chat-slice'
import { selectActiveModelName } from './conversations-slice'

// Sending and streaming a reply; regenerating, editing and the order they leave have chat-slice-rewrites.test.ts.

describe('sending from the new-chat draft', () => {
  it('creates the conversation, streams the reply frame by frame and stores the final turn', async () => {
    const harness = createStoreHarness()
    const { fake, store } = harness
    fake.handle('models:list', () =>
      ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
    )
    fake.handle('conversations:create', () => ok(C1))
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:send', () => reply.promise)
    await bootApp(store)
    expect(selectActiveModelName(store.getState())).toBe('llama3:latest')

    const sending = store.getState().send('  Hi  ')
    const { requestId } = await firstCallTo(fake, 'chat:send')
    // The draft still follows the core's default, so the core picks the model (its rule lives there only).
    expect(fake.callsTo('conversations:create')).toEqual([{ model: null }])
    expect(fake.callsTo('chat:send')[0]).toMatchObject({ conversationId: 'c1', text: 'Hi' })
    expect(selectInflightFor('c1')(store.getState())?.pendingText).toBe('Hi')

    const user = { ...user1 }
    const streaming = startReply(fake, { requestId, userMessage: user, reply: { id: 'a1', parentId: 'u1' } })
    fake.emit('chat:progress', {
      requestId,
      conversationId: 'c1',
      phase: 'preparing-model',
      text: 'Preparing llama3 with a 16K context…',
    })
    expect(selectInflightFor('c1')(store.getState())?.progressText).toBe('Preparing llama3 with a 16K context…')

    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'Hel', thinking: '' })
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'lo', thinking: '' })
    expect(store.getState().messagesByConversation.c1?.[1]?.content).toBe('')
    harness.frame()
    expect(store.getState().messagesByConversation.c1?.map((m) => m.content)).toEqual(['Hi', 'Hello'])
    expect(selectInflightFor('c1')(store.getState())?.phase).toBe('streaming')

    const notice = makeMessage({
      id: 'n1',
      conversationId: 'c1',
      role: 'notice',
      content: 'Fell back to the base model.',
    })
    fake.emit('chat:notice', { requestId, conversationId: 'c1', message: notice })
    // Where main stores it: after the reply, so the live view and a reloaded one agree.
    expect(store.getState().messagesByConversation.c1?.map((m) => m.id)).toEqual(['u1', 'a1', 'n1'])

    reply.resolve(ok(turnOf({ ...streaming, content: 'Hello!', status: 'complete' }, user, [notice])))
    expect(await sending).toBe(true)
    const state = store.getState()
    expect(state.inflight).toEqual({})
    expect(state.messagesByConversation.c1?.map((m) => `${m.id}:${m.status}:${m.content}`)).toEqual([
      'u1:complete:Hi',
      'a1:complete:Hello!',
      'n1:complete:Fell back to the base model.',
    ])
    expect(state.conversations[0]?.updatedAt).toBe('2026-08-02T00:00:00.000Z')
    expect(fake.callsTo('settings:update')).toContainEqual({ lastConversationId: 'c1' })
  })

  it('sends nothing without a model or text', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    expect(harness.store.getState().draft.model).toBeNull()
    expect(await harness.store.getState().send('Hi')).toBe(false)
    expect(await harness.store.getState().send('   ')).toBe(false)
    expect(harness.fake.callsTo('conversations:create')).toHaveLength(0)
  })
})

describe('a reply in an open conversation', () => {
  it('stops on cancel and keeps the partial text, marked cancelled', async () => {
    const harness = await withOpenConversation([])
    const { fake, store } = harness
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:send', () => reply.promise)
    fake.handle('chat:cancel', () => ok({ cancelled: true }))
    const sending = store.getState().send('Hi')
    const { requestId } = await firstCallTo(fake, 'chat:send')
    const streaming = startReply(fake, { requestId, userMessage: user1, reply: { id: 'a1', parentId: 'u1' } })
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'Partial ans', thinking: '' })
    harness.frame()

    await store.getState().cancel('c1')
    expect(fake.callsTo('chat:cancel')).toEqual([{ requestId }])
    expect(selectInflightFor('c1')(store.getState())?.cancelRequested).toBe(true)

    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'wer', thinking: '' })
    reply.resolve(ok(turnOf({ ...streaming, content: 'Partial answer', status: 'cancelled' }, user1)))
    expect(await sending).toBe(true)
    harness.frame()
    const last = store.getState().messagesByConversation.c1?.at(-1)
    expect(last).toMatchObject({ id: 'a1', status: 'cancelled', content: 'Partial answer' })
    expect(store.getState().turnErrors).toEqual({})
  })

  it('refuses a second send while a reply is in progress, without calling main', async () => {
    const { fake, store } = await withOpenConversation([])
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:send', () => reply.promise)
    void store.getState().send('one')
    await waitForCall(() => fake.callsTo('chat:send').length)
    expect(await store.getState().send('two')).toBe(false)
    expect(fake.callsTo('chat:send')).toHaveLength(1)
    expect(store.getState().turnErrors.c1?.code).toBe('BUSY')
  })

  it('records a failure that saved nothing, for the composer to show', async () => {
    const { fake, store } = await withOpenConversation([])
    fake.handle('chat:send', () => fail('OLLAMA_UNREACHABLE', 'Nothing answered at http://127.0.0.1:11434.'))
    expect(await store.getState().send('Hi')).toBe(false)
    expect(store.getState().turnErrors.c1?.code).toBe('OLLAMA_UNREACHABLE')
    expect(store.getState().inflight).toEqual({})
    store.getState().dismissTurnError('c1')
    expect(store.getState().turnErrors.c1).toBeUndefined()
  })

  it('times the thinking of a reasoning model from its first thought to its first answer token', async () => {
    const harness = await withOpenConversation([])
    const { fake, store } = harness
    const reply = deferred<ReturnType<typeof ok<ChatTurn>>>()
    fake.handle('chat:send', () => reply.promise)
    void store.getState().send('Think')
    const { requestId } = await firstCallTo(fake, 'chat:send')
    startReply(fake, { requestId, userMessage: user1, reply: { id: 'a1', parentId: 'u1' } })
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: '', thinking: 'Hmm…' })
    harness.frame()
    expect(store.getState().messagesByConversation.c1?.at(-1)?.thinking).toBe('Hmm…')
    expect(store.getState().thinkingTimes.a1?.endedAt).toBeNull()
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'Answer', thinking: '' })
    harness.frame()
    expect(store.getState().thinkingTimes.a1?.endedAt).toEqual(expect.any(Number))
  })
})

describe('applying deltas', () => {
  it('leaves the records a batch does not change untouched, so their selectors stay quiet', async () => {
    const harness = await withOpenConversation([])
    const { fake, store } = harness
    fake.handle('chat:send', () => new Promise(() => undefined))
    void store.getState().send('Hi')
    const { requestId } = await firstCallTo(fake, 'chat:send')
    startReply(fake, { requestId, userMessage: user1, reply: { id: 'a1', parentId: 'u1' } })
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: 'One', thinking: '' })
    harness.frame()
    const before = store.getState()
    fake.emit('chat:delta', { requestId, messageId: 'a1', content: ' two', thinking: '' })
    harness.frame()
    const after = store.getState()
    expect(after.messagesByConversation.c1?.at(-1)?.content).toBe('One two')
    expect(after.messagesByConversation.c1?.[0]).toBe(before.messagesByConversation.c1?.[0])
    expect(after.inflight).toBe(before.inflight)
    expect(after.thinkingTimes).toBe(before.thinkingTimes)
  })

  it('ignores a delta for a message that is not streaming', async () => {
    const harness = await withOpenConversation([user1, reply1])
    const before = harness.store.getState().messagesByConversation
    harness.fake.emit('chat:delta', { requestId: 'r', messageId: 'a1', content: 'late', thinking: '' })
    harness.frame()
    expect(harness.store.getState().messagesByConversation).toBe(before)
  })
})
