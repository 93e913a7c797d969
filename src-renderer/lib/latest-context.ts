import type { ChatMessage, ContextReport } from '../../src-shared/types'
import { isSentToModel } from '../../src-shared/prompt-rule'

/** The newest reply that says what context it really had, with that report. */
export interface LatestContext {
  reply: ChatMessage
  context: ContextReport
}

/**
 * The conversation's latest reply that carries a context report (replies saved before ollmchat recorded one
 * have none): the context meter and the "no longer sees" divider both go by it.
 */
export function latestContext(messages: readonly ChatMessage[]): LatestContext | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]
    if (message?.role === 'assistant' && message.context !== null) return { reply: message, context: message.context }
  }
  return null
}

/**
 * The id of the first message the model still saw: the one after the `droppedMessages` sent messages (see
 * `isSentToModel`) the latest report says Ollama dropped; `null` when nothing was dropped.
 */
export function firstSeenMessageId(messages: readonly ChatMessage[], latest: LatestContext | null): string | null {
  if (latest === null || !latest.context.truncated || latest.context.droppedMessages <= 0) return null
  let dropped = 0
  for (const message of messages) {
    if (!isSentToModel(message)) continue
    if (dropped === latest.context.droppedMessages) return message.id
    dropped += 1
  }
  return null
}
