import { thinkToStored, type ConversationOptions, type ThinkSetting } from '../../../src-shared/conversation-options'
import type { ChatMessage } from '../../../src-shared/types'
import type { HistoryContext } from './database'
import { createImageRepo, type ImageToStore } from './image-repo'
import { contextToJson, errorToJson, noticeToJson, statsToJson } from './stored-json'

/**
 * One message of a conversation to import, with its place in the tree and its images' bytes. Times (here and in
 * `ConversationToImport`) must be in `Date.toISOString`'s form, as the history compares them as text; the readers of
 * a file (`src-main/core/data`) bring them to it.
 */
export type MessageToImport = Pick<
  ChatMessage,
  | 'id'
  | 'role'
  | 'content'
  | 'thinking'
  | 'status'
  | 'model'
  | 'servedBy'
  | 'numCtx'
  | 'error'
  | 'stats'
  | 'context'
  | 'notice'
  | 'createdAt'
  | 'updatedAt'
> & {
  /** Must be a message earlier in the same conversation's list, or `null` for a first message. */
  parentId: string | null
  onPath: boolean
  pathStamp: number
  images: readonly ImageToStore[]
}

/** A whole conversation to import; `messages` in the order they were written (a parent before its children). */
export interface ConversationToImport {
  id: string
  title: string
  model: string | null
  systemPrompt: string
  createdAt: string
  updatedAt: string
  lastHost: string | null
  options: ConversationOptions
  think: ThinkSetting | null
  messages: readonly MessageToImport[]
}

/** Where an imported conversation went: its own id, or a new one when the history already had one of its ids. */
export interface ImportedConversation {
  id: string
  copied: boolean
}

/** Called after each conversation is written, inside the transaction: a throw undoes the whole import. */
export type ImportStepListener = (done: number, total: number) => void

export type ImportConversations = (
  conversations: readonly ConversationToImport[],
  onWritten?: ImportStepListener,
) => ImportedConversation[]

/**
 * Writes whole conversations into the history as they were: ids, parents, versions, the path shown, path stamps,
 * times and images. The checks of a file (`src-main/core/data`) come first; this only keeps ids unique: a
 * conversation whose id or any message id is already taken (the same export imported twice) comes in as a copy with
 * new ids throughout. One transaction for the whole list: all of it is written or none. The search index follows by
 * its triggers.
 */
export function createHistoryImport(context: HistoryContext): ImportConversations {
  const { db } = context
  const images = createImageRepo(db)
  const conversationTaken = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM conversations WHERE id = ?')
  const messageTaken = db.prepare<[string], { found: number }>(
    'SELECT 1 AS found FROM messages WHERE id IN (SELECT value FROM json_each(?)) LIMIT 1',
  )
  const insertConversation = db.prepare<[Record<string, unknown>]>(
    `INSERT INTO conversations (id, title, model, system_prompt, created_at, updated_at, last_host, options, think)
     VALUES (@id, @title, @model, @systemPrompt, @createdAt, @updatedAt, @lastHost, @options, @think)`,
  )
  const insertMessage = db.prepare<[Record<string, unknown>]>(
    `INSERT INTO messages (id, conversation_id, seq, parent_id, on_path, path_stamp, role, content, thinking, status, model,
       served_by, num_ctx, error, stats, context, notice, created_at, updated_at)
     VALUES (@id, @conversationId, @seq, @parentId, @onPath, @pathStamp, @role, @content, @thinking, @status, @model,
       @servedBy, @numCtx, @error, @stats, @context, @notice, @createdAt, @updatedAt)`,
  )

  const isTaken = (conversation: ConversationToImport) =>
    conversationTaken.get(conversation.id) !== undefined ||
    messageTaken.get(JSON.stringify(conversation.messages.map((message) => message.id))) !== undefined

  const writeOne = (conversation: ConversationToImport): ImportedConversation => {
    const copied = isTaken(conversation)
    const ids = new Map<string, string>()
    const idOf = (id: string) => {
      if (!copied) return id
      const known = ids.get(id)
      if (known !== undefined) return known
      const fresh = context.newId()
      ids.set(id, fresh)
      return fresh
    }
    const conversationId = copied ? context.newId() : conversation.id
    insertConversation.run({
      id: conversationId,
      title: conversation.title,
      model: conversation.model,
      systemPrompt: conversation.systemPrompt,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      lastHost: conversation.lastHost,
      options: Object.keys(conversation.options).length === 0 ? null : JSON.stringify(conversation.options),
      think: thinkToStored(conversation.think),
    })
    conversation.messages.forEach((message, index) => {
      const id = idOf(message.id)
      insertMessage.run({
        id,
        conversationId,
        seq: index + 1,
        parentId: message.parentId === null ? null : idOf(message.parentId),
        onPath: message.onPath ? 1 : 0,
        pathStamp: message.pathStamp,
        role: message.role,
        content: message.content,
        thinking: message.thinking,
        status: message.status,
        model: message.model,
        servedBy: message.servedBy,
        numCtx: message.numCtx,
        error: errorToJson(message.error),
        stats: statsToJson(message.stats),
        context: contextToJson(message.context),
        notice: noticeToJson(message.notice),
        createdAt: message.createdAt,
        updatedAt: message.updatedAt,
      })
      if (message.images.length > 0) images.save(id, message.images)
    })
    return { id: conversationId, copied }
  }

  const importAll = db.transaction((conversations: readonly ConversationToImport[], onWritten?: ImportStepListener) =>
    conversations.map((conversation, index) => {
      const written = writeOne(conversation)
      onWritten?.(index + 1, conversations.length)
      return written
    }),
  )
  return (conversations, onWritten) => importAll(conversations, onWritten)
}
