import type { AppError } from '../../src-shared/ipc/result'
import type { ChatMessage } from '../../src-shared/types'
import { upsertConversation } from './message-list'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/** The messages of the conversations opened so far, kept current by the chat events. */
export interface MessagesSlice {
  messagesByConversation: Record<string, ChatMessage[]>
  messagesStatus: Record<string, LoadState>
  messagesError: Record<string, AppError | null>
  /** Fetches a conversation's messages from main and replaces what the store held. */
  loadMessages: (conversationId: string) => Promise<void>
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (bridge) => (set) => ({
  messagesByConversation: {},
  messagesStatus: {},
  messagesError: {},

  async loadMessages(conversationId) {
    set((state) => ({
      messagesStatus: {
        ...state.messagesStatus,
        // A refresh keeps showing what is there instead of flashing a loading state.
        [conversationId]: state.messagesStatus[conversationId] === 'ready' ? 'ready' : 'loading',
      },
    }))
    const result = await safeCall(bridge, 'chats:get', { conversationId })
    if (!result.ok) {
      set((state) => ({
        messagesStatus: { ...state.messagesStatus, [conversationId]: 'error' },
        messagesError: { ...state.messagesError, [conversationId]: result.error },
      }))
      return
    }
    const { conversation, messages } = result.value
    set((state) => ({
      messagesByConversation: { ...state.messagesByConversation, [conversationId]: messages },
      messagesStatus: { ...state.messagesStatus, [conversationId]: 'ready' },
      messagesError: { ...state.messagesError, [conversationId]: null },
      conversations: state.conversations.some((candidate) => candidate.id === conversationId)
        ? upsertConversation(state.conversations, conversation)
        : state.conversations,
    }))
  },
})

const NO_MESSAGES: ChatMessage[] = []

/** The active conversation's messages (a stable empty array when there are none). */
export const selectActiveMessages = (state: AppState): ChatMessage[] =>
  state.activeConversationId === null
    ? NO_MESSAGES
    : (state.messagesByConversation[state.activeConversationId] ?? NO_MESSAGES)
