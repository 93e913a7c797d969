import { expect, vi } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { ChatMessage, ChatTurn } from '../../src-shared/types'
import { bootApp } from '../store/boot'
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

/** A booted store with `C1` open, holding `messages`. */
export async function withOpenConversation(messages: ChatMessage[]): Promise<StoreHarness> {
  const harness = createStoreHarness()
  harness.fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  harness.fake.handle('conversations:list', () => ok({ conversations: [C1] }))
  harness.fake.handle('conversations:get', () => ok({ conversation: C1, messages }))
  await bootApp(harness.store)
  await harness.store.getState().openConversation('c1')
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
