import { describe, expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import type { ChatMessage } from '../../src-shared/types'
import { withOpenConversation } from '../test-support/chat-store-fixture'
import { makeConversation, makeMessage } from '../test-support/fixtures'
import type { StoreHarness } from '../test-support/store-harness'
import { branchAt } from './message-list'
import { withBranch } from './versions-slice'

const C1 = makeConversation({ id: 'c1', model: 'llama3:latest' })
const u1 = makeMessage({ id: 'u1', conversationId: 'c1', role: 'user', content: 'Hi' })
const a1 = makeMessage({
  id: 'a1',
  conversationId: 'c1',
  role: 'assistant',
  content: 'Hello',
  parentId: 'u1',
  versions: { index: 2, count: 2 },
})
const u2 = makeMessage({ id: 'u2', conversationId: 'c1', role: 'user', content: 'And?', parentId: 'a1' })
const a0 = makeMessage({
  id: 'a0',
  conversationId: 'c1',
  role: 'assistant',
  content: 'Hey',
  parentId: 'u1',
  versions: { index: 1, count: 2 },
})

const openWith = (messages: ChatMessage[]) => withOpenConversation(messages, { conversation: C1 })

const idsOf = (harness: StoreHarness) =>
  harness.store.getState().messagesByConversation.c1?.map((message) => message.id)

describe('moving between versions', () => {
  it("replaces the list from the message on with the branch main shows, and focuses on the new version's id", async () => {
    const harness = await openWith([u1, a1, u2])
    harness.fake.handle('conversations:showVersion', () => ok({ conversation: C1, messages: [a0], changed: true }))
    expect(await harness.store.getState().showVersion('c1', 'a1', 1)).toBe('a0')
    expect(harness.fake.callsTo('conversations:showVersion')).toEqual([
      { conversationId: 'c1', messageId: 'a1', version: 1 },
    ])
    expect(idsOf(harness)).toEqual(['u1', 'a0'])
  })

  it('says in a toast why main refused, and leaves the list alone', async () => {
    const harness = await openWith([u1, a1])
    harness.fake.handle('conversations:showVersion', () =>
      fail('BUSY', 'This conversation is still answering. Stop the reply first.'),
    )
    expect(await harness.store.getState().showVersion('c1', 'a1', 1)).toBeNull()
    expect(idsOf(harness)).toEqual(['u1', 'a1'])
    expect(harness.store.getState().toasts.at(-1)?.text).toBe(
      'That version could not be shown. This conversation is still answering. Stop the reply first.',
    )
  })

  it('reads the conversation again when the list no longer holds the message', async () => {
    const harness = await openWith([u1, a1])
    harness.fake.handle('conversations:showVersion', () => ok({ conversation: C1, messages: [a0], changed: true }))
    harness.fake.handle('conversations:get', () => ok({ conversation: C1, messages: [u1, a0] }))
    const gets = harness.fake.callsTo('conversations:get').length
    await harness.store.getState().showVersion('c1', 'gone', 1)
    expect(harness.fake.callsTo('conversations:get').length).toBe(gets + 1)
    expect(idsOf(harness)).toEqual(['u1', 'a0'])
  })
})

describe('another window moving between versions', () => {
  it('takes the new branch from conversations:versionShown, and the same move twice changes nothing', async () => {
    const harness = await openWith([u1, a1, u2])
    harness.fake.emit('conversations:versionShown', {
      conversationId: 'c1',
      replacedId: 'a1',
      conversation: C1,
      messages: [a0],
    })
    await harness.store
      .getState()
      .applyVersionShown({ conversationId: 'c1', replacedId: 'a1', conversation: C1, messages: [a0] })
    expect(idsOf(harness)).toEqual(['u1', 'a0'])
    const held = harness.store.getState().messagesByConversation.c1
    await harness.store
      .getState()
      .applyVersionShown({ conversationId: 'c1', replacedId: 'a1', conversation: C1, messages: [a0] })
    expect(harness.store.getState().messagesByConversation.c1).toBe(held)
  })
})

describe('the path in the list', () => {
  it('withBranch cuts at the message and appends the branch; null when the message is not held', () => {
    expect(withBranch([u1, a1, u2], 'a1', [a0])?.map((m) => m.id)).toEqual(['u1', 'a0'])
    expect(withBranch([u1], 'a1', [a0])).toBeNull()
  })

  it('branchAt puts a new message after its parent, drops what followed it, and keeps a held one in place', () => {
    const edited = makeMessage({ id: 'u2b', conversationId: 'c1', role: 'user', content: 'Or?', parentId: 'a1' })
    expect(branchAt([u1, a1, u2], edited).map((m) => m.id)).toEqual(['u1', 'a1', 'u2b'])
    const firstEdited = makeMessage({ id: 'u1b', conversationId: 'c1', role: 'user', content: 'Hey' })
    expect(branchAt([u1, a1], firstEdited).map((m) => m.id)).toEqual(['u1b'])
    expect(branchAt([u1, a1, u2], { ...a1, content: 'Hello!' }).map((m) => m.content)).toEqual(['Hi', 'Hello!', 'And?'])
    // The list holds the newest part of the path: a parent it does not hold comes before all of it, all replaced.
    expect(
      branchAt([u2], makeMessage({ id: 'u2b', conversationId: 'c1', role: 'user', parentId: 'a0' })).map((m) => m.id),
    ).toEqual(['u2b'])
  })
})
