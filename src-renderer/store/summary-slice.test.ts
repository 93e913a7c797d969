import { describe, expect, it } from 'vitest'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import type { ConversationSummary } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { selectInflightFor } from './chat-slice'

const C1 = makeConversation({ id: 'c1', title: 'Trip' })
const C2 = makeConversation({ id: 'c2', title: 'Trip (continued)', updatedAt: '2026-09-01T00:00:00.000Z' })

async function booted() {
  const harness = createStoreHarness()
  harness.fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  harness.fake.handle('conversations:list', () => ok({ conversations: [C1] }))
  harness.fake.handle('conversations:get', ({ conversationId }) =>
    ok({ conversation: conversationId === 'c2' ? C2 : C1, messages: [] }),
  )
  await bootApp(harness.store)
  await harness.store.getState().openConversation('c1')
  return harness
}

describe('continuing from a summary', () => {
  it('keeps its progress apart from a reply running in the same conversation', async () => {
    const { fake, store } = await booted()
    fake.handle('chat:send', () => new Promise(() => undefined))
    const summary = deferred<Result<ConversationSummary>>()
    fake.handle('conversations:continueFromSummary', () => summary.promise)
    void store.getState().send('Hi')
    void store.getState().continueFromSummary('c1')
    await expect.poll(() => fake.callsTo('conversations:continueFromSummary').length).toBe(1)
    const chatRequest = fake.callsTo('chat:send')[0]!.requestId
    const summaryRequest = fake.callsTo('conversations:continueFromSummary')[0]!.requestId
    expect(summaryRequest).not.toBe(chatRequest)

    fake.emit('chat:progress', {
      requestId: chatRequest,
      conversationId: 'c1',
      phase: 'waiting-for-model',
      text: 'Waiting for llama3…',
    })
    fake.emit('chat:progress', {
      requestId: summaryRequest,
      conversationId: 'c1',
      phase: 'summarizing',
      text: 'Summarising…',
    })
    const state = store.getState()
    expect(selectInflightFor('c1')(state)).toMatchObject({
      phase: 'waiting-for-model',
      progressText: 'Waiting for llama3…',
    })
    expect(Object.keys(state.inflight)).toEqual([chatRequest])
    expect(state.summaries.c1?.progressText).toBe('Summarising…')

    summary.resolve(ok(C2))
    await expect.poll(() => store.getState().activeConversationId).toBe('c2')
    expect(store.getState().summaries).toEqual({})
    expect(store.getState().conversations.map((conversation) => conversation.id)).toEqual(['c2', 'c1'])
  })

  it('stops through chat:cancel with its own request id and leaves no error behind', async () => {
    const { fake, store } = await booted()
    const summary = deferred<Result<ConversationSummary>>()
    fake.handle('conversations:continueFromSummary', () => summary.promise)
    fake.handle('chat:cancel', () => ok({ cancelled: true }))
    const running = store.getState().continueFromSummary('c1')
    await store.getState().cancelSummary('c1')
    expect(fake.callsTo('chat:cancel')).toEqual([
      { requestId: fake.callsTo('conversations:continueFromSummary')[0]!.requestId },
    ])
    summary.resolve(fail('CANCELLED', 'Stopped.'))
    expect(await running).toBe(false)
    expect(store.getState().summaryErrors).toEqual({})
    expect(store.getState().activeConversationId).toBe('c1')
  })

  it('does not start twice for the same conversation', async () => {
    const { fake, store } = await booted()
    fake.handle('conversations:continueFromSummary', () => new Promise(() => undefined))
    void store.getState().continueFromSummary('c1')
    expect(await store.getState().continueFromSummary('c1')).toBe(false)
    expect(fake.callsTo('conversations:continueFromSummary')).toHaveLength(1)
  })
})
