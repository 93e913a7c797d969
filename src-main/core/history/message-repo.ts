import type { AppError } from '../../../src-shared/ipc/result'
import type { ChatMessage, MessageRole, MessageStatus, NoticeInfo, ReplyStats } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ConversationRepo } from './conversation-repo'
import type { HistoryContext } from './database'
import { MESSAGE_COLUMNS, toChatMessage, type MessageRow } from './row-mapping'
import { contextToJson, errorToJson, noticeToJson, statsToJson } from './stored-json'

/** A message to append; the store assigns its id, position and times. */
export interface NewMessage {
  conversationId: string
  role: MessageRole
  content: string
  thinking?: string
  status: MessageStatus
  model?: string | null
  servedBy?: string | null
  numCtx?: number | null
  error?: AppError | null
  stats?: ReplyStats | null
  notice?: NoticeInfo | null
}

/** The fields of a saved message that may change; absent fields stay as they are. */
export type MessagePatch = Partial<Pick<ChatMessage, 'content' | 'thinking' | 'status' | 'error' | 'stats' | 'servedBy' | 'numCtx' | 'context'>>

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

/** Messages table access; see `HistoryStore` for each method's guarantees. */
export interface MessageRepo {
  list(conversationId: string): ChatMessage[]
  newest(conversationId: string, request: MessagePageRequest): MessagePage
  tree(conversationId: string): TreeMessage[]
  get(id: string): ChatMessage | null
  append(input: NewMessage): ChatMessage
  update(id: string, patch: MessagePatch): ChatMessage | null
  branchFrom(conversationId: string, messageId: string): number
  discardFrom(conversationId: string, messageId: string): number
  showVersion(conversationId: string, messageId: string, version: number): ChatMessage[] | null
  markInterrupted(): number
}

const flag = (present: boolean) => (present ? 1 : 0)

/** Prepares the message statements once; appending checks the conversation exists (deleted or not). */
export function createMessageRepo(context: HistoryContext, conversations: ConversationRepo): MessageRepo {
  const { db } = context
  // Every path query is a range over the partial index `messages_on_path`.
  const listStatement = db.prepare<[string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 ORDER BY seq`,
  )
  // Newest first, one row more than asked for: it tells whether older ones exist.
  const newestStatement = db.prepare<[string, number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq < ? ORDER BY seq DESC LIMIT ?`,
  )
  const tailStatement = db.prepare<[string, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq >= ? ORDER BY seq`,
  )
  const treeStatement = db.prepare<[string], MessageRow & { on_path: number; path_stamp: number }>(
    `SELECT ${MESSAGE_COLUMNS}, on_path, path_stamp FROM messages WHERE conversation_id = ? ORDER BY seq`,
  )
  const placeStatement = db.prepare<[string, string], { seq: number; on_path: number; parent_id: string | null; role: string }>(
    'SELECT seq, on_path, parent_id, role FROM messages WHERE id = ? AND conversation_id = ?',
  )
  const getStatement = db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`)
  // Position, parent (the path's last message) and path stamp are computed inside the INSERT, so two appends can never
  // share a position or a parent.
  const insertStatement = db.prepare<[Record<string, unknown>], MessageRow>(
    `INSERT INTO messages (id, conversation_id, seq, parent_id, path_stamp, role, content, thinking, status, model, served_by,
       num_ctx, error, stats, notice, created_at, updated_at)
     VALUES (@id, @conversationId, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = @conversationId),
       (SELECT id FROM messages WHERE conversation_id = @conversationId AND on_path = 1 ORDER BY seq DESC LIMIT 1),
       (SELECT coalesce(max(path_stamp), 0) + 1 FROM messages WHERE conversation_id = @conversationId),
       @role, @content, @thinking, @status, @model, @servedBy, @numCtx, @error, @stats, @notice, @now, @now)
     RETURNING ${MESSAGE_COLUMNS}`,
  )
  // Streaming checkpoints call this every few seconds: one prepared statement, fields switched by flags.
  const updateStatement = db.prepare<[Record<string, unknown>], MessageRow>(
    `UPDATE messages SET
       content = CASE WHEN @setContent THEN @content ELSE content END,
       thinking = CASE WHEN @setThinking THEN @thinking ELSE thinking END,
       status = CASE WHEN @setStatus THEN @status ELSE status END,
       error = CASE WHEN @setError THEN @error ELSE error END,
       stats = CASE WHEN @setStats THEN @stats ELSE stats END,
       served_by = CASE WHEN @setServedBy THEN @servedBy ELSE served_by END,
       num_ctx = CASE WHEN @setNumCtx THEN @numCtx ELSE num_ctx END,
       context = CASE WHEN @setContext THEN @context ELSE context END,
       updated_at = @now
     WHERE id = @id
     RETURNING ${MESSAGE_COLUMNS}`,
  )
  const leavePathStatement = db.prepare<[string, number]>('UPDATE messages SET on_path = 0 WHERE conversation_id = ? AND on_path = 1 AND seq >= ?')
  const deletePathStatement = db.prepare<[string, number]>('DELETE FROM messages WHERE conversation_id = ? AND on_path = 1 AND seq >= ?')
  // Versions of a message: its role's messages under its parent, oldest first.
  const versionsStatement = db.prepare<[string, string | null, string], { id: string; seq: number }>(
    'SELECT id, seq FROM messages WHERE conversation_id = ? AND parent_id IS ? AND role = ? ORDER BY seq',
  )
  // Below a version, the path follows the child shown last (highest stamp).
  const lastShownChildStatement = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM messages WHERE conversation_id = ? AND parent_id = ? ORDER BY path_stamp DESC, seq DESC LIMIT 1',
  )
  const nextStampStatement = db.prepare<[string], { stamp: number }>(
    'SELECT coalesce(max(path_stamp), 0) + 1 AS stamp FROM messages WHERE conversation_id = ?',
  )
  const joinPathStatement = db.prepare<[number, string]>('UPDATE messages SET on_path = 1, path_stamp = ? WHERE id = ?')
  const offPathChildStatement = db.prepare<[string, number], { found: number }>(
    `SELECT 1 AS found FROM messages m WHERE m.conversation_id = ? AND m.on_path = 0 AND m.parent_id IN
       (SELECT id FROM messages WHERE conversation_id = m.conversation_id AND on_path = 1 AND seq >= ?) LIMIT 1`,
  )
  const interruptStatement = db.prepare("UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'")

  /** The place of a message on the conversation's path; `NOT_FOUND` when it is not a message there. */
  const placeOnPath = (conversationId: string, messageId: string) => {
    const place = placeStatement.get(messageId, conversationId)
    if (!place || place.on_path !== 1) throw new AppFailure('NOT_FOUND', 'That message is no longer in this conversation.')
    return place
  }

  const showVersion = db.transaction((conversationId: string, messageId: string, version: number): ChatMessage[] | null => {
    const place = placeOnPath(conversationId, messageId)
    const versions = versionsStatement.all(conversationId, place.parent_id, place.role)
    const chosen = versions[version - 1]
    if (chosen === undefined) throw new AppFailure('INVALID_INPUT', `That message has ${versions.length} versions, not ${version}.`)
    if (chosen.id === messageId) return null
    leavePathStatement.run(conversationId, place.seq)
    let stamp = nextStampStatement.get(conversationId)?.stamp ?? 1
    for (let id: string | undefined = chosen.id; id !== undefined; id = lastShownChildStatement.get(conversationId, id)?.id) {
      joinPathStatement.run(stamp, id)
      stamp += 1
    }
    return tailStatement.all(conversationId, chosen.seq).map(toChatMessage)
  })

  const discardFrom = db.transaction((conversationId: string, messageId: string): number => {
    const place = placeOnPath(conversationId, messageId)
    // A message with versions of its own below it is never discarded: it only leaves the path.
    if (offPathChildStatement.get(conversationId, place.seq)) return leavePathStatement.run(conversationId, place.seq).changes
    return deletePathStatement.run(conversationId, place.seq).changes
  })

  const append = db.transaction((input: NewMessage): ChatMessage => {
    if (!conversations.exists(input.conversationId)) {
      throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    }
    const now = context.now()
    const row = insertStatement.get({
      id: context.newId(),
      conversationId: input.conversationId,
      role: input.role,
      content: input.content,
      thinking: input.thinking ?? '',
      status: input.status,
      model: input.model ?? null,
      servedBy: input.servedBy ?? null,
      numCtx: input.numCtx ?? null,
      error: errorToJson(input.error),
      stats: statsToJson(input.stats),
      notice: noticeToJson(input.notice),
      now,
    })
    if (!row) throw new Error('Saving a message returned no row.')
    conversations.touch(input.conversationId, now)
    return toChatMessage(row)
  })

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
      treeStatement.all(conversationId).map((row) => ({ ...toChatMessage(row), onPath: row.on_path === 1, pathStamp: row.path_stamp })),
    get(id) {
      const row = getStatement.get(id)
      return row ? toChatMessage(row) : null
    },
    append: (input) => append(input),
    update(id, patch) {
      const row = updateStatement.get({
        id,
        now: context.now(),
        setContent: flag(patch.content !== undefined),
        content: patch.content ?? null,
        setThinking: flag(patch.thinking !== undefined),
        thinking: patch.thinking ?? null,
        setStatus: flag(patch.status !== undefined),
        status: patch.status ?? null,
        setError: flag(patch.error !== undefined),
        error: errorToJson(patch.error),
        setStats: flag(patch.stats !== undefined),
        stats: statsToJson(patch.stats),
        setServedBy: flag(patch.servedBy !== undefined),
        servedBy: patch.servedBy ?? null,
        setNumCtx: flag(patch.numCtx !== undefined),
        numCtx: patch.numCtx ?? null,
        setContext: flag(patch.context !== undefined),
        context: contextToJson(patch.context),
      })
      return row ? toChatMessage(row) : null
    },
    branchFrom: (conversationId, messageId) => leavePathStatement.run(conversationId, placeOnPath(conversationId, messageId).seq).changes,
    discardFrom: (conversationId, messageId) => discardFrom(conversationId, messageId),
    showVersion: (conversationId, messageId, version) => showVersion(conversationId, messageId, version),
    markInterrupted: () => interruptStatement.run(context.now()).changes,
  }
}
