import { describe, expect, it } from 'vitest'
import type { In, Out } from '../../src-shared/ipc/contract'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import type { ChatMessage } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeMessage } from '../test-support/fixtures'
import { createStoreHarness, type StoreHarness } from '../test-support/store-harness'
import { NEWEST_FIRST, selectHasAllMessages } from './messages-slice'
import { OLDER_PAGE } from './older-messages-actions'

const C1 = makeConversation({ id: 'c1' })

const conversationOf = (count: number): ChatMessage[] =>
  Array.from({ length: count }, (_, index) =>
    makeMessage({
      id: `m${index}`,
      conversationId: 'c1',
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `text ${index}`,
    }),
  )

/** Pages of `stored` as the core's `conversations:get` gives them (the newest `limit` before `before`). */
function pageOf(stored: readonly ChatMessage[], input: In<'conversations:get'>): Out<'conversations:get'> {
  const conversation = { ...C1, messageCount: stored.length }
  if (input.limit === undefined && input.before === undefined) return { conversation, messages: [...stored] }
  const end = input.before === undefined ? stored.length : stored.findIndex((message) => message.id === input.before)
  const start = Math.max(0, end - (input.limit ?? 2_000))
  return { conversation, messages: stored.slice(start, end), hasOlder: start > 0 }
}

/** A store whose `conversations:get` serves `stored`; requests for older messages wait for `olderGate` when given. */
function serving(stored: () => readonly ChatMessage[], olderGate?: Promise<void>): StoreHarness {
  const harness = createStoreHarness()
  harness.fake.handle('conversations:get', async (input): Promise<Result<Out<'conversations:get'>>> => {
    if (input.before !== undefined && olderGate) await olderGate
    return ok(pageOf(stored(), input))
  })
  return harness
}

const ids = (harness: StoreHarness) =>
  harness.store.getState().messagesByConversation.c1?.map((message) => message.id) ?? []

describe('loading a long conversation newest first', () => {
  it('asks for the newest messages first, shows them, then fetches the older ones a page at a time', async () => {
    const stored = conversationOf(2_500)
    const gate = deferred<void>()
    const harness = serving(() => stored, gate.promise)
    const loading = harness.store.getState().loadMessages('c1')

    await expect.poll(() => ids(harness).length).toBe(NEWEST_FIRST)
    expect(ids(harness)).toEqual(stored.slice(-NEWEST_FIRST).map((message) => message.id))
    expect(harness.store.getState().messagesStatus.c1).toBe('ready')
    expect(selectHasAllMessages('c1')(harness.store.getState())).toBe(false)
    expect(harness.store.getState().olderMessages.c1).toBe('loading')

    gate.resolve()
    await loading
    expect(ids(harness)).toEqual(stored.map((message) => message.id))
    expect(selectHasAllMessages('c1')(harness.store.getState())).toBe(true)
    const firstOld = stored.at(-NEWEST_FIRST)?.id
    const secondOld = stored.at(-NEWEST_FIRST - OLDER_PAGE)?.id
    expect(harness.fake.callsTo('conversations:get')).toEqual([
      { conversationId: 'c1', limit: NEWEST_FIRST },
      { conversationId: 'c1', limit: OLDER_PAGE, before: firstOld },
      { conversationId: 'c1', limit: OLDER_PAGE, before: secondOld },
      { conversationId: 'c1', limit: OLDER_PAGE, before: stored[2_500 - NEWEST_FIRST - 2 * OLDER_PAGE]?.id },
    ])
  })

  it('asks once for a short conversation', async () => {
    const harness = serving(() => conversationOf(12))
    await harness.store.getState().loadMessages('c1')
    expect(ids(harness)).toHaveLength(12)
    expect(selectHasAllMessages('c1')(harness.store.getState())).toBe(true)
    expect(harness.fake.callsTo('conversations:get')).toHaveLength(1)
  })

  it('keeps a reply that streamed in while the older messages were on their way, and puts the older ones above', async () => {
    let stored = conversationOf(300)
    const gate = deferred<void>()
    const harness = serving(() => stored, gate.promise)
    const { fake, store } = harness
    const loading = store.getState().loadMessages('c1')
    await expect.poll(() => ids(harness).length).toBe(NEWEST_FIRST)

    const user = makeMessage({ id: 'u-new', conversationId: 'c1', role: 'user', content: 'One more?' })
    const reply = makeMessage({ id: 'a-new', conversationId: 'c1', role: 'assistant', status: 'streaming' })
    stored = [...stored, user, reply]
    fake.emit('chat:started', {
      requestId: 'r1',
      conversationId: 'c1',
      conversation: C1,
      userMessage: user,
      assistantMessage: reply,
    })
    fake.emit('chat:delta', { requestId: 'r1', messageId: 'a-new', content: 'Streamed so far', thinking: '' })
    harness.frame()
    const streamed = store.getState().messagesByConversation.c1?.at(-1)

    gate.resolve()
    await loading
    const list = store.getState().messagesByConversation.c1 ?? []
    expect(list.map((message) => message.id)).toEqual(stored.map((message) => message.id))
    expect(list.at(-1), 'the streamed reply is the same object, text and all').toBe(streamed)
    expect(list.at(-1)?.content).toBe('Streamed so far')
  })

  it('keeps the newest messages and says why when the older ones cannot be fetched, and tries again on request', async () => {
    const stored = conversationOf(200)
    const harness = createStoreHarness()
    let failing = true
    harness.fake.handle('conversations:get', (input) =>
      input.before !== undefined && failing
        ? fail('INTERNAL', 'The history could not be read.')
        : ok(pageOf(stored, input)),
    )
    await harness.store.getState().loadMessages('c1')
    const state = harness.store.getState()
    expect(ids(harness)).toEqual(stored.slice(-NEWEST_FIRST).map((message) => message.id))
    expect(state.messagesStatus.c1).toBe('ready')
    expect(state.olderMessages.c1).toBe('failed')
    expect(state.messagesError.c1).toEqual({ code: 'INTERNAL', message: 'The history could not be read.' })

    failing = false
    await harness.store.getState().loadOlderMessages('c1')
    expect(ids(harness)).toEqual(stored.map((message) => message.id))
    expect(harness.store.getState().messagesError.c1).toBeNull()
    expect(selectHasAllMessages('c1')(harness.store.getState())).toBe(true)
  })

  it('refreshes a loaded conversation with its newest page only, keeping the older messages and unchanged objects', async () => {
    let stored = conversationOf(500)
    const harness = serving(() => stored)
    await harness.store.getState().loadMessages('c1')
    const before = harness.store.getState().messagesByConversation.c1 ?? []
    const calls = harness.fake.callsTo('conversations:get').length

    const edited = { ...stored[498]!, content: 'changed elsewhere' }
    stored = [...stored.slice(0, 498), edited, stored[499]!]
    await harness.store.getState().loadMessages('c1')
    const after = harness.store.getState().messagesByConversation.c1 ?? []
    expect(harness.fake.callsTo('conversations:get').slice(calls)).toEqual([
      { conversationId: 'c1', limit: NEWEST_FIRST },
    ])
    expect(after.map((message) => message.content)).toEqual(stored.map((message) => message.content))
    expect(after[0]).toBe(before[0])
    expect(after[497]).toBe(before[497])
    expect(after[498]).not.toBe(before[498])
  })

  it('fetches the older messages again from the new first message when an edit cut the newest ones meanwhile', async () => {
    let stored = conversationOf(400)
    const gate = deferred<void>()
    const harness = serving(() => stored, gate.promise)
    const loading = harness.store.getState().loadMessages('c1')
    await expect.poll(() => ids(harness).length).toBe(NEWEST_FIRST)

    // A regenerate from a tail without a user message drops the whole tail: main keeps what comes before it.
    const regenerated = makeMessage({ id: 'a-regen', conversationId: 'c1', role: 'assistant', status: 'streaming' })
    stored = [...stored.slice(0, 339), regenerated]
    harness.store.setState({ messagesByConversation: { c1: [regenerated] } })
    gate.resolve()
    await loading
    expect(ids(harness)).toEqual(stored.map((message) => message.id))
  })
})
