import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../src-shared/ipc/contract'
import { MAX_MESSAGE_PAGE } from '../../../src-shared/message-pages'
import { openHistoryStore, type HistoryStore } from '../history/history-store'
import { createSteppingClock } from '../history/test-fixtures/clock'
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatch'
import { createMemoryLogger } from '../log'
import { unwrap } from '../../test-support/core-harness'
import { conversationHandlers } from './conversation-handlers'

const unimplemented = () => Promise.reject(new Error('not part of this test'))
const otherHandlers = Object.fromEntries(CHANNELS.map((channel) => [channel, unimplemented])) as unknown as Handlers

let history: HistoryStore
let dispatch: Dispatch

beforeEach(() => {
  history = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  dispatch = createDispatcher(
    { ...otherHandlers, ...conversationHandlers(history, async () => null) },
    createMemoryLogger(),
  )
})
afterEach(() => history.close())

/** A conversation of `count` messages whose texts are `m1`…`m<count>`, alternating user and assistant. */
function conversationOf(count: number): string {
  const { id } = history.createConversation({ model: 'llama3' })
  for (let index = 1; index <= count; index++) {
    history.appendMessage({
      conversationId: id,
      role: index % 2 === 1 ? 'user' : 'assistant',
      content: `m${index}`,
      status: 'complete',
    })
  }
  return id
}

const texts = (value: { messages: Array<{ content: string }> }) => value.messages.map((message) => message.content)

describe('conversations:get, newest messages first', () => {
  it('answers the newest `limit` messages in conversation order, with the total and whether older ones exist', async () => {
    const conversationId = conversationOf(10)
    const tail = unwrap(await dispatch('conversations:get', { conversationId, limit: 3 }))
    expect(texts(tail)).toEqual(['m8', 'm9', 'm10'])
    expect(tail.hasOlder).toBe(true)
    expect(tail.conversation.messageCount).toBe(10)

    const whole = unwrap(await dispatch('conversations:get', { conversationId, limit: 10 }))
    expect(texts(whole)).toHaveLength(10)
    expect(whole.hasOlder).toBe(false)
  })

  it('pages back from `before` until the first message, the pages adding up to the whole conversation', async () => {
    const conversationId = conversationOf(7)
    const pages: string[][] = []
    let page = unwrap(await dispatch('conversations:get', { conversationId, limit: 3 }))
    pages.unshift(texts(page))
    while (page.hasOlder === true) {
      const before = page.messages[0]?.id ?? ''
      page = unwrap(await dispatch('conversations:get', { conversationId, limit: 3, before }))
      pages.unshift(texts(page))
    }
    expect(pages).toEqual([['m1'], ['m2', 'm3', 'm4'], ['m5', 'm6', 'm7']])
    expect(pages.flat()).toEqual(texts(unwrap(await dispatch('conversations:get', { conversationId }))))
  })

  it('gives a page of at most MAX_MESSAGE_PAGE for `before` alone, and every message (without `hasOlder`) when asked for neither', async () => {
    const conversationId = conversationOf(4)
    const last = history.listMessages(conversationId).at(-1)?.id ?? ''
    const older = unwrap(await dispatch('conversations:get', { conversationId, before: last }))
    expect(texts(older)).toEqual(['m1', 'm2', 'm3'])
    expect(older.hasOlder).toBe(false)
    const all = unwrap(await dispatch('conversations:get', { conversationId }))
    expect(texts(all)).toEqual(['m1', 'm2', 'm3', 'm4'])
    expect(all).not.toHaveProperty('hasOlder')
  })

  it('answers an empty page for an empty conversation', async () => {
    const conversationId = conversationOf(0)
    expect(unwrap(await dispatch('conversations:get', { conversationId, limit: 60 }))).toMatchObject({
      messages: [],
      hasOlder: false,
    })
  })

  it('refuses a limit out of bounds or not a whole number, and a `before` that is not an id, as invalid input', async () => {
    const conversationId = conversationOf(2)
    for (const input of [
      { conversationId, limit: 0 },
      { conversationId, limit: MAX_MESSAGE_PAGE + 1 },
      { conversationId, limit: 2.5 },
      { conversationId, limit: '60' },
      { conversationId, limit: 5, before: '../../etc/passwd' },
      { conversationId, limit: 5, before: '' },
    ]) {
      const result = await dispatch('conversations:get', input)
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe('INVALID_INPUT')
    }
  })

  it('fails with NOT_FOUND for a `before` of another conversation or unknown, and for an unknown conversation', async () => {
    const conversationId = conversationOf(3)
    const otherMessage = history.listMessages(conversationOf(2))[0]?.id ?? ''
    for (const input of [
      { conversationId, limit: 5, before: otherMessage },
      { conversationId, limit: 5, before: 'no-such-message' },
      { conversationId: 'no-such-conversation', limit: 5 },
    ]) {
      const result = await dispatch('conversations:get', input)
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe('NOT_FOUND')
    }
  })
})
