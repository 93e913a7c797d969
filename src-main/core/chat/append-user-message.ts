import type { ChatMessage, ConversationSummary } from '../../../src-shared/types'
import type { HistoryStore } from '../history/history-store'
import { DEFAULT_TITLE } from '../history/history-store'
import type { ImageToStore } from '../history/image-repo'
import { titleFromMessage } from './conversation-text'

/**
 * Saves the user's message, and titles the conversation from it when it is the first one and the conversation still
 * has the default title (a title the user chose is kept). Returns the message and the conversation as it is now.
 */
export function appendUserMessage(input: {
  history: HistoryStore
  conversation: ConversationSummary
  text: string
  images: readonly ImageToStore[]
}): { userMessage: ChatMessage; conversation: ConversationSummary } {
  const { history, conversation, text } = input
  const conversationId = conversation.id
  // Every other message follows a user message, so an empty conversation is exactly one without any yet.
  const isFirst = conversation.messageCount === 0
  const userMessage = history.appendMessage(
    { conversationId, role: 'user', content: text, status: 'complete' },
    input.images,
  )
  const titled =
    isFirst && conversation.title === DEFAULT_TITLE
      ? (history.updateConversation(conversationId, { title: titleFromMessage(text) }) ?? conversation)
      : conversation
  return { userMessage, conversation: titled }
}
