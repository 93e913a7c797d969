import type { ChatMessage, ConversationSummary } from '../../src-shared/types'

/** Replaces the message with the same id, or appends it. */
export function upsertMessage(list: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const index = list.findIndex((candidate) => candidate.id === message.id)
  if (index < 0) return [...list, message]
  const next = [...list]
  next[index] = message
  return next
}

/** Drops the message `messageId` and everything after it (an edit replaces the rest of the conversation). */
export function truncateAt(list: readonly ChatMessage[], messageId: string): ChatMessage[] {
  const index = list.findIndex((candidate) => candidate.id === messageId)
  return index < 0 ? [...list] : list.slice(0, index)
}

/** Keeps everything up to and including the last user message (a regenerate replaces what followed it). */
export function upToLastUserMessage(list: readonly ChatMessage[]): ChatMessage[] {
  const index = list.findLastIndex((candidate) => candidate.role === 'user')
  return list.slice(0, index + 1)
}

/** Where a loaded message sits: its conversation, that conversation's list and its index there. */
export interface FoundMessage {
  conversationId: string
  list: ChatMessage[]
  index: number
  message: ChatMessage
}

/** Finds a loaded message by id, looking from the end of each list (a streaming reply is the last one). */
export function findMessage(byConversation: Record<string, ChatMessage[]>, messageId: string): FoundMessage | undefined {
  for (const [conversationId, list] of Object.entries(byConversation)) {
    const index = list.findLastIndex((message) => message.id === messageId)
    const message = list[index]
    if (message !== undefined) return { conversationId, list, index, message }
  }
  return undefined
}

/** Newest activity first; stable, so equal times keep the server's order. */
export function sortByActivity(list: readonly ConversationSummary[]): ConversationSummary[] {
  return [...list].sort((a, b) => (a.updatedAt === b.updatedAt ? 0 : a.updatedAt < b.updatedAt ? 1 : -1))
}

/** Replaces (or adds) a conversation summary and re-sorts by activity. */
export function upsertConversation(
  list: readonly ConversationSummary[],
  summary: ConversationSummary,
): ConversationSummary[] {
  return sortByActivity([summary, ...list.filter((candidate) => candidate.id !== summary.id)])
}

/** A copy of `record` without `key`. */
export function omitKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!Object.hasOwn(record, key)) return record
  const next = { ...record }
  delete next[key]
  return next
}
