import type { ChatMessage, ConversationSummary } from '../../src-shared/types'

/**
 * Replaces the message with the same id, or appends it. A message equal to the one held keeps the held object,
 * so a turn's end (which brings main's copies of messages the list already has) re-renders only what changed.
 */
export function upsertMessage(list: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const index = list.findIndex((candidate) => candidate.id === message.id)
  if (index < 0) return [...list, message]
  const held = list[index]
  if (held !== undefined && sameMessage(held, message)) return [...list]
  const next = [...list]
  next[index] = message
  return next
}

/** Field by field; the small objects among the fields (stats, context, notice, error) by their JSON. */
export function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  if (a === b) return true
  const keys = Object.keys(a) as Array<keyof ChatMessage>
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => {
    const left = a[key]
    const right = b[key]
    if (left === right) return true
    return typeof left === 'object' && typeof right === 'object' && JSON.stringify(left) === JSON.stringify(right)
  })
}

/**
 * Puts `message` on the path after its parent: what followed the parent (the version it replaces) is dropped from the
 * list, as main took it off the path. A message already held is updated in place. The list holds the newest part of the
 * path, so a parent it does not hold (the older messages are still being fetched) comes before everything it holds:
 * the new message is then all of it, and fetching the older ones goes on before it.
 */
export function branchAt(list: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (list.some((candidate) => candidate.id === message.id)) return upsertMessage(list, message)
  const parent = message.parentId === null ? -1 : list.findIndex((candidate) => candidate.id === message.parentId)
  return [...list.slice(0, parent + 1), message]
}

/** Where a loaded message sits: its conversation, that conversation's list and its index there. */
export interface FoundMessage {
  conversationId: string
  list: ChatMessage[]
  index: number
  message: ChatMessage
}

/** Finds a loaded message by id, looking from the end of each list (a streaming reply is the last one). */
export function findMessage(
  byConversation: Record<string, ChatMessage[]>,
  messageId: string,
): FoundMessage | undefined {
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
