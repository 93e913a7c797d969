import { expect, vi } from 'vitest'
import type { Channel, In } from '../../src-shared/ipc/contract'
import { ok } from '../../src-shared/ipc/result'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../src-shared/types'
import { bootApp } from '../store/boot'
import type { FakeBridge } from './fake-bridge'
import { makeConversation, makeMessage, makeModel } from './fixtures'
import { createStoreHarness, type StoreHarness } from './store-harness'

/** Set-up shared by the chat-slice tests: conversation `c1` on llama3, a short history in it, and its turns. */

export const C1 = makeConversation({ id: 'c1', model: 'llama3:latest', updatedAt: '2026-08-01T10:00:00.000Z' })

/** The turn main answers a send, regenerate or edit with, as a reply finishes in `C1`. */
export function turnOf(assistant: ChatMessage, userMessage: ChatMessage | null, notices: ChatMessage[] = []): ChatTurn {
  return {
    conversation: { ...C1, updatedAt: '2026-08-02T00:00:00.000Z' },
    userMessage,
    assistantMessage: assistant,
    notices,
  }
}

/** Which conversation `withOpenConversation` opens, and what the sidebar lists beside it. */
export interface OpenConversationOptions {
  /** `C1` unless told. */
  conversation?: ConversationSummary
  /** Only the open conversation unless told. */
  listed?: ConversationSummary[]
}

/** A booted store with a conversation open, holding `messages`. */
export async function withOpenConversation(
  messages: ChatMessage[],
  { conversation = C1, listed = [conversation] }: OpenConversationOptions = {},
): Promise<StoreHarness> {
  const harness = createStoreHarness()
  harness.fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  harness.fake.handle('conversations:list', () => ok({ conversations: listed }))
  harness.fake.handle('conversations:get', () => ok({ conversation, messages }))
  await bootApp(harness.store)
  await harness.store.getState().openConversation(conversation.id)
  return harness
}

export const user1 = makeMessage({ id: 'u1', conversationId: 'c1', role: 'user', content: 'Hi' })
export const reply1 = makeMessage({
  id: 'a1',
  conversationId: 'c1',
  role: 'assistant',
  content: 'Hello!',
  parentId: 'u1',
})
export const user2 = makeMessage({ id: 'u2', conversationId: 'c1', role: 'user', content: 'And?', parentId: 'a1' })
export const reply2 = makeMessage({
  id: 'a2',
  conversationId: 'c1',
  role: 'assistant',
  content: 'More.',
  parentId: 'u2',
})

/** Waits until a call was recorded (the store awaits other calls first). */
export async function waitForCall(count: () => number): Promise<void> {
  await vi.waitFor(() => expect(count()).toBe(1))
}

/** Waits for the store's one call to `channel` and returns what it was called with (its `requestId`, for one). */
export async function firstCallTo<C extends Channel>(fake: FakeBridge, channel: C): Promise<In<C>> {
  await waitForCall(() => fake.callsTo(channel).length)
  return fake.callsTo(channel)[0]!
}

/** What `chat:started` says of a reply in `c1`: the request, the user message it answers and its assistant message. */
export interface ReplyStart {
  requestId: string
  /** The user message main stored for the turn; `null` for a regenerate, which keeps the old one. */
  userMessage: ChatMessage | null
  /** The assistant message's id and parent, and any field the test is about; it is streaming and empty otherwise. */
  reply: Partial<ChatMessage> & { id: string; parentId: string }
  /** The conversation as main reports it with the turn; `C1` unless told. */
  conversation?: ConversationSummary
}

/** Emits main's `chat:started` for a reply streaming in `c1`, and returns the streaming assistant message. */
export function startReply(
  fake: FakeBridge,
  { requestId, userMessage, reply, conversation = C1 }: ReplyStart,
): ChatMessage {
  const assistantMessage = makeMessage({ conversationId: 'c1', role: 'assistant', status: 'streaming', ...reply })
  fake.emit('chat:started', { requestId, conversationId: 'c1', conversation, userMessage, assistantMessage })
  return assistantMessage
}
