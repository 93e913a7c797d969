import type { ChatMessage } from '../../../src-shared/types'
import type { HistoryDatabase } from './database'
import type { PlaceOnPath } from './message-place'
import { MESSAGE_COLUMNS, toChatMessage, type MessageRow } from './row-mapping'

/** Which of a conversation's messages to read: the newest `limit`, of those before the message `before` when given. */
export interface MessagePageRequest {
  limit: number
  before?: string
}

/** A page of messages in conversation order, and whether older ones precede it. */
export interface MessagePage {
  messages: ChatMessage[]
  hasOlder: boolean
}

/**
 * A message of the whole tree, with whether it is on the path the conversation shows and when it last joined it
 * (`path_stamp`: which branch an older version leads to; an export keeps it).
 */
export type TreeMessage = ChatMessage & { onPath: boolean; pathStamp: number }

/** The read side of the messages table; see `HistoryStore` for each method's guarantees. */
export interface MessageReads {
  list(conversationId: string): ChatMessage[]
  newest(conversationId: string, request: MessagePageRequest): MessagePage
  tree(conversationId: string): TreeMessage[]
  get(id: string): ChatMessage | null
}

/** Prepares the read statements once. */
export function createMessageReads(db: HistoryDatabase, placeOnPath: PlaceOnPath): MessageReads {
  // Every path query is a range over the partial index `messages_on_path`.
  const listStatement = db.prepare<[string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 ORDER BY seq`,
  )
  // Newest first, one row more than asked for: it tells whether older ones exist.
  const newestStatement = db.prepare<[string, number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq < ? ORDER BY seq DESC LIMIT ?`,
  )
  const treeStatement = db.prepare<[string], MessageRow & { on_path: number; path_stamp: number }>(
    `SELECT ${MESSAGE_COLUMNS}, on_path, path_stamp FROM messages WHERE conversation_id = ? ORDER BY seq`,
  )
  const getStatement = db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`)

  return {
    list: (conversationId) => listStatement.all(conversationId).map(toChatMessage),
    newest(conversationId, { limit, before }) {
      const below = before === undefined ? Number.MAX_SAFE_INTEGER : placeOnPath(conversationId, before).seq
      const rows = newestStatement.all(conversationId, below, limit + 1)
      const hasOlder = rows.length > limit
      if (hasOlder) rows.pop()
      return { messages: rows.reverse().map(toChatMessage), hasOlder }
    },
    tree: (conversationId) =>
      treeStatement
        .all(conversationId)
        .map((row) => ({ ...toChatMessage(row), onPath: row.on_path === 1, pathStamp: row.path_stamp })),
    get(id) {
      const row = getStatement.get(id)
      return row ? toChatMessage(row) : null
    },
  }
}
