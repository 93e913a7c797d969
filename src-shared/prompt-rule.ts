import type { ChatMessage } from './types'

/**
 * Whether a stored message goes to the model with later prompts: every user message, and every reply that has text
 * (stopped and failed replies included: their text is what the user saw). A reply that ended before any text is never
 * sent, and notices are the app speaking. Main builds prompts by it; the window counts what a context report's
 * `droppedMessages` refers to by it.
 */
export function isSentToModel(message: Pick<ChatMessage, 'role' | 'content'>): boolean {
  return message.role === 'user' || (message.role === 'assistant' && message.content.length > 0)
}
