import { describe, expect, it, vi } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { ChatMessage } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../test-support/fixtures'
import { createStoreHarness, type StoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { selectInflightFor } from './chat-slice'

const C1 = makeConversation({ id: 'c1', model: 'llama3:latest' })
const user = makeMessage({ id: 'u1', conversationId: 'c1', role: 'user', content: 'Talk' })
const streaming = makeMessage({
  id: 'a1',
  conversationId: 'c1',
  role: 'assistant',
  status: 'streaming',
  content: 'Once',
  parentId: 'u1',
})

/** A window that opens (or reloads) while the core runs `running` and shows conversation c1. */
async function openWindow(
  running: { requestId: string; phase: 'waiting-for-model' | 'streaming'; progressText: string | null }[] = [],
): Promise<StoreHarness> {
  const harness = createStoreHarness()
  harness.fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  harness.fake.handle('conversations:list', () => ok({ conversations: [C1] }))
  harness.fake.handle('conversations:get', () => ok({ conversation: C1, messages: [user, streaming] }))
  harness.fake.handle('chat:running', () =>
    ok({ replies: running.map((reply) => ({ ...reply, conversationId: 'c1', assistantMessageId: 'a1' })) }),
  )
  harness.fake.handle('chat:cancel', () => ok({ cancelled: true }))
  await bootApp(harness.store)
  await harness.store.getState().openConversation('c1')
  return harness
}

const ended = (assistant: ChatMessage, requestId = 'elsewhere') => ({
  requestId,
  conversationId: 'c1',
  turn: { conversation: C1, userMessage: user, assistantMessage: assistant, notices: [] },
})

describe('replies this window did not start', () => {
  it('after a reload, knows the running reply from chat:running, stops it by its request and shows the saved reply', async () => {
    const { fake, store } = await openWindow([
      { requestId: 'before-reload', phase: 'waiting-for-model', progressText: 'Still waiting for Ollama (2 min)…' },
    ])
    expect(fake.callsTo('chat:running')).toEqual([{}])
    expect(selectInflightFor('c1')(store.getState())).toMatchObject({
      requestId: 'before-reload',
      own: false,
      kind: null,
      assistantMessageId: 'a1',
      progressText: 'Still waiting for Ollama (2 min)…',
    })

    await store.getState().cancel('c1')
    expect(fake.callsTo('chat:cancel')).toEqual([{ requestId: 'before-reload' }])
    expect(selectInflightFor('c1')(store.getState())?.cancelRequested).toBe(true)

    fake.emit('chat:ended', ended({ ...streaming, status: 'cancelled', content: 'Once upon' }, 'before-reload'))
    expect(store.getState().inflight).toEqual({})
    expect(store.getState().messagesByConversation.c1?.map((m) => `${m.id}:${m.status}:${m.content}`)).toEqual([
      'u1:complete:Talk',
      'a1:cancelled:Once upon',
    ])
  })

  it('follows a reply another window starts: it streams here, a send waits for it, and its end frees the conversation', async () => {
    const { fake, store, frame } = await openWindow()
    fake.emit('chat:started', {
      requestId: 'elsewhere',
      conversationId: 'c1',
      conversation: C1,
      userMessage: null,
      assistantMessage: { ...streaming, content: '' },
    })
    expect(selectInflightFor('c1')(store.getState())).toMatchObject({ requestId: 'elsewhere', own: false })
    fake.emit('chat:delta', { requestId: 'elsewhere', messageId: 'a1', content: 'Hi', thinking: '' })
    frame()
    expect(store.getState().messagesByConversation.c1?.at(-1)?.content).toBe('Hi')

    expect(await store.getState().send('Me too')).toBe(false)
    expect(fake.callsTo('chat:send')).toEqual([])
    expect(store.getState().turnErrors.c1?.code).toBe('BUSY')

    fake.emit('chat:ended', ended({ ...streaming, status: 'complete', content: 'Hi there.' }))
    expect(store.getState().inflight).toEqual({})
    expect(store.getState().messagesByConversation.c1?.at(-1)).toMatchObject({
      status: 'complete',
      content: 'Hi there.',
    })
  })

  it('drops a reply started elsewhere that the core no longer runs (its end was missed) when Stop finds nothing to stop', async () => {
    const { fake, store } = await openWindow([{ requestId: 'ended-unseen', phase: 'streaming', progressText: null }])
    const saved = { ...streaming, status: 'complete' as const, content: 'Once upon a time.' }
    fake.handle('chat:cancel', () => ok({ cancelled: false }))
    fake.handle('conversations:get', () => ok({ conversation: C1, messages: [user, saved] }))
    await store.getState().cancel('c1')
    expect(selectInflightFor('c1')(store.getState())).toBeUndefined()
    await vi.waitFor(() =>
      expect(store.getState().messagesByConversation.c1?.at(-1)?.content).toBe('Once upon a time.'),
    )
  })

  it('asks chat:running again when the event stream comes back: a reply that ended in the gap goes, one that started appears', async () => {
    const { fake, store } = await openWindow([{ requestId: 'ended-in-gap', phase: 'streaming', progressText: null }])
    const saved = { ...streaming, status: 'complete' as const, content: 'Once upon a time.' }
    const again = makeMessage({ id: 'u2', conversationId: 'c1', role: 'user', content: 'More', parentId: 'a1' })
    const next = makeMessage({
      id: 'a2',
      conversationId: 'c1',
      role: 'assistant',
      status: 'streaming',
      content: '',
      parentId: 'u2',
    })
    fake.handle('conversations:get', () => ok({ conversation: C1, messages: [user, saved, again, next] }))
    fake.handle('chat:running', () =>
      ok({
        replies: [
          {
            requestId: 'started-in-gap',
            conversationId: 'c1',
            assistantMessageId: 'a2',
            phase: 'waiting-for-model',
            progressText: 'Waiting for llama3…',
          },
        ],
      }),
    )

    fake.reconnect()
    await vi.waitFor(() => expect(Object.keys(store.getState().inflight)).toEqual(['started-in-gap']))
    expect(fake.callsTo('chat:running')).toHaveLength(2)
    expect(selectInflightFor('c1')(store.getState())).toMatchObject({
      own: false,
      assistantMessageId: 'a2',
      progressText: 'Waiting for llama3…',
    })
    await vi.waitFor(() =>
      expect(store.getState().messagesByConversation.c1?.find((m) => m.id === 'a1')?.content).toBe('Once upon a time.'),
    )
  })

  it('leaves a reply this window started to its own request, and does not re-add one it already follows', async () => {
    const { fake, store } = await openWindow()
    const reply = deferred<ReturnType<typeof ok<never>>>()
    fake.handle('chat:send', () => reply.promise)
    void store.getState().send('Hello')
    await vi.waitFor(() => expect(fake.callsTo('chat:send')).toHaveLength(1))
    const { requestId } = fake.callsTo('chat:send')[0]!
    fake.emit('chat:ended', ended({ ...streaming, status: 'complete' }, requestId))
    expect(selectInflightFor('c1')(store.getState())).toMatchObject({ requestId, own: true, kind: 'send' })

    fake.handle('chat:running', () =>
      ok({
        replies: [
          { requestId, conversationId: 'c1', assistantMessageId: 'a1', phase: 'streaming', progressText: null },
        ],
      }),
    )
    await store.getState().loadRunningReplies()
    expect(selectInflightFor('c1')(store.getState())).toMatchObject({
      requestId,
      own: true,
      kind: 'send',
      pendingText: 'Hello',
    })
  })
})
