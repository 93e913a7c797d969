import { isRecord } from '../guards'
import { refuseImport } from './import-refusal'

/**
 * An Open WebUI chat's message tree: `history: { messages: { [id]: message }, currentId }`, each message with
 * `parentId` and `childrenIds` (versions of a regenerated reply or an edited message are siblings); `currentId` is
 * the message shown last, so the path is it and its ancestors. Older chats have only a flat `messages` list, read as
 * one line (as Open WebUI's `convertMessagesToHistory` does).
 */

export type RawMessage = Record<string, unknown> & { id: string }

/** The tree as a map from id, from `history.messages` or, for older chats, the flat `messages` list chained in order. */
function treeOf(chat: Record<string, unknown>): { messages: Map<string, RawMessage>; currentId: string | null } {
  const messages = new Map<string, RawMessage>()
  if (isRecord(chat.history) && isRecord(chat.history.messages)) {
    for (const [key, value] of Object.entries(chat.history.messages)) {
      if (isRecord(value)) messages.set(key, { ...value, id: key })
    }
    const currentId = typeof chat.history.currentId === 'string' ? chat.history.currentId : null
    return { messages, currentId }
  }
  let parentId: string | null = null
  for (const [index, value] of (Array.isArray(chat.messages) ? chat.messages : []).entries()) {
    if (!isRecord(value)) continue
    const id = typeof value.id === 'string' && value.id !== '' ? value.id : `message-${index}`
    messages.set(id, { ...value, id, parentId })
    parentId = id
  }
  return { messages, currentId: parentId }
}

export const parentOf = (message: RawMessage): string | null =>
  typeof message.parentId === 'string' ? message.parentId : null

/** The tree walked: every message, parents before children, and each message's children in the order of versions. */
interface WalkedTree {
  order: RawMessage[]
  childrenOf: Map<string | null, RawMessage[]>
}

/**
 * Parents before children, siblings in `childrenIds` order (Open WebUI's order of versions), then by time. Walked
 * with a stack of its own, not by recursion: a chat of thousands of messages is as deep as it is long.
 */
function walkTree(messages: Map<string, RawMessage>, where: string): WalkedTree {
  const childrenOf = new Map<string | null, RawMessage[]>()
  for (const message of messages.values()) {
    const parentId = parentOf(message)
    if (parentId !== null && !messages.has(parentId)) {
      refuseImport(`A message of ${where} follows a message that is not in the file (its parent is missing).`)
    }
    const siblings = childrenOf.get(parentId)
    if (siblings === undefined) childrenOf.set(parentId, [message])
    else siblings.push(message)
  }
  const time = (message: RawMessage) => (typeof message.timestamp === 'number' ? message.timestamp : 0)
  for (const [parentId, siblings] of childrenOf) {
    const parent = parentId === null ? undefined : messages.get(parentId)
    const listed = new Map(
      (parent !== undefined && Array.isArray(parent.childrenIds) ? parent.childrenIds : []).map((id, index) => [
        id,
        index,
      ]),
    )
    const rank = (child: RawMessage) => listed.get(child.id) ?? Number.MAX_SAFE_INTEGER
    siblings.sort((a, b) => rank(a) - rank(b) || time(a) - time(b))
  }
  const order: RawMessage[] = []
  const stack = [...(childrenOf.get(null) ?? [])].reverse()
  for (let message = stack.pop(); message !== undefined; message = stack.pop()) {
    order.push(message)
    const children = childrenOf.get(message.id) ?? []
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as RawMessage)
  }
  // A message that is its own ancestor (or its own parent) is never reached from a first message.
  if (order.length !== messages.size)
    refuseImport(`The messages of ${where} go round in a circle instead of forming a conversation.`)
  return { order, childrenOf }
}

/** The path: `currentId` and its ancestors; when it is missing, from the newest first message down the newest versions. */
function pathOf(messages: Map<string, RawMessage>, { childrenOf }: WalkedTree, currentId: string | null): Set<string> {
  let leaf = currentId !== null && messages.has(currentId) ? currentId : null
  if (leaf === null) {
    let next = childrenOf.get(null)?.at(-1)
    while (next !== undefined) {
      leaf = next.id
      next = childrenOf.get(leaf)?.at(-1)
    }
  }
  const path = new Set<string>()
  for (let id = leaf; id !== null && !path.has(id); id = parentOf(messages.get(id) as RawMessage)) path.add(id)
  return path
}

/**
 * A chat's messages in order (parents before children, versions in order) and the ids on the path it showed;
 * refused in a sentence (naming the chat as `where`) when the tree is broken.
 */
export function readMessageTree(
  chat: Record<string, unknown>,
  where: string,
): { order: RawMessage[]; path: Set<string> } {
  const { messages, currentId } = treeOf(chat)
  const tree = walkTree(messages, where)
  return { order: tree.order, path: pathOf(messages, tree, currentId) }
}
