import type { ChatMessage } from '../../src-shared/types'
import { selectInflightFor } from './chat-slice'
import type { AppState } from './types'

/**
 * The chat fills with the "Ollama is not reachable" screen (instead of the banner) when there is nothing
 * else to show: a new chat, no models known, Ollama down.
 */
export const selectShowOfflineScreen = (state: AppState): boolean =>
  state.page === 'chat' &&
  state.activeConversationId === null &&
  state.models.length === 0 &&
  state.ollama?.state === 'unreachable'

/** A reply is in progress in the conversation (editing and regenerating wait for it). */
export const selectIsAnswering =
  (conversationId: string) =>
  (state: AppState): boolean =>
    selectInflightFor(conversationId)(state) !== undefined

/**
 * The store's current copy of a message, looked up from the end (a streaming reply is the last or nearly):
 * what a streaming reply renders, since the list itself hands out an outline that lags behind its text.
 */
export const selectLiveMessage =
  (conversationId: string, messageId: string) =>
  (state: AppState): ChatMessage | undefined =>
    state.messagesByConversation[conversationId]?.findLast((message) => message.id === messageId)
