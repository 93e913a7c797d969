import type { AppError } from '../../src-shared/ipc/result'
import type { ChatMessage } from '../../src-shared/types'
import { omitKey, upsertConversation } from './message-list'
import { mergeNewest } from './message-pages'
import { createOlderMessagesActions } from './older-messages-actions'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/**
 * How many of a conversation's newest messages are fetched first: a couple of screens, so the conversation paints
 * after a small answer however long it is, and the reader can scroll a little before the older ones are there.
 */
export const NEWEST_FIRST = 60

/** Where fetching a conversation's older messages stands, while the store does not hold them all. */
export type OlderMessages = 'loading' | 'failed'

/** The messages of the conversations opened so far, kept current by the chat events. */
export interface MessagesSlice {
  /** Each conversation's messages in order; the newest part of them while `olderMessages` has an entry for it. */
  messagesByConversation: Record<string, ChatMessage[]>
  messagesStatus: Record<string, LoadState>
  /** Why the messages, or the older ones, could not be fetched. */
  messagesError: Record<string, AppError | null>
  /** Conversations whose older messages are not all in the store yet (no entry: every message is). */
  olderMessages: Record<string, OlderMessages>
  /**
   * Fetches a conversation's newest messages (the first time, or again), puts them in place of what the store held
   * for its end, then fetches the older ones it does not hold; resolves when all are there or a fetch failed.
   */
  loadMessages: (conversationId: string) => Promise<void>
  /** Fetches the messages before the oldest the store holds, a page at a time, until it holds them all. */
  loadOlderMessages: (conversationId: string) => Promise<void>
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (bridge) => (set, get, store) => ({
  messagesByConversation: {},
  messagesStatus: {},
  messagesError: {},
  olderMessages: {},

  async loadMessages(conversationId) {
    set((state) => ({
      messagesStatus: {
        ...state.messagesStatus,
        // A refresh keeps showing what is there instead of flashing a loading state.
        [conversationId]: state.messagesStatus[conversationId] === 'ready' ? 'ready' : 'loading',
      },
    }))
    const result = await safeCall(bridge, 'conversations:get', { conversationId, limit: NEWEST_FIRST })
    if (!result.ok) {
      set((state) => ({
        messagesStatus: { ...state.messagesStatus, [conversationId]: 'error' },
        messagesError: { ...state.messagesError, [conversationId]: result.error },
      }))
      return
    }
    const { conversation, messages, hasOlder = false } = result.value
    const held = get().messagesByConversation[conversationId]
    const merged = mergeNewest(
      held,
      held !== undefined && get().olderMessages[conversationId] !== undefined,
      messages,
      hasOlder,
    )
    set((state) => ({
      messagesByConversation: { ...state.messagesByConversation, [conversationId]: merged.list },
      messagesStatus: { ...state.messagesStatus, [conversationId]: 'ready' },
      messagesError: { ...state.messagesError, [conversationId]: null },
      olderMessages: merged.hasOlderToFetch
        ? { ...state.olderMessages, [conversationId]: 'loading' }
        : omitKey(state.olderMessages, conversationId),
      conversations: state.conversations.some((candidate) => candidate.id === conversationId)
        ? upsertConversation(state.conversations, conversation)
        : state.conversations,
    }))
    if (merged.hasOlderToFetch) await get().loadOlderMessages(conversationId)
  },

  ...createOlderMessagesActions(bridge)(set, get, store),
})

const NO_MESSAGES: ChatMessage[] = []

/** The active conversation's messages (a stable empty array when there are none). */
export const selectActiveMessages = (state: AppState): ChatMessage[] =>
  state.activeConversationId === null
    ? NO_MESSAGES
    : (state.messagesByConversation[state.activeConversationId] ?? NO_MESSAGES)

/** Whether the store holds every message of the conversation (the older ones are fetched after the newest). */
export const selectHasAllMessages =
  (conversationId: string) =>
  (state: AppState): boolean =>
    state.olderMessages[conversationId] === undefined
