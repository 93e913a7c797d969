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

/** Messages table access; see `HistoryStore` for each method's guarantees. */
export interface MessageRepo {
  list(conversationId: string): ChatMessage[]
  newest(conversationId: string, request: MessagePageRequest): MessagePage
  get(id: string): ChatMessage | null
  append(input: NewMessage): ChatMessage
  update(id: string, patch: MessagePatch): ChatMessage | null
  deleteFrom(conversationId: string, messageId: string, options: { inclusive: boolean }): number
  markInterrupted(): number
}

const flag = (present: boolean) => (present ? 1 : 0)

/** Prepares the message statements once; appending checks the conversation exists (deleted or not). */
export function createMessageRepo(context: HistoryContext, conversations: ConversationRepo): MessageRepo {
  const { db } = context
  const listStatement = db.prepare<[string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY seq`,
  )
  // Newest first over the (conversation_id, seq) index, one row more than asked for: it tells whether older ones exist.
  const newestStatement = db.prepare<[string, number, number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  )
  const seqStatement = db.prepare<[string, string], { seq: number }>('SELECT seq FROM messages WHERE id = ? AND conversation_id = ?')
  const getStatement = db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`)
  // The position is computed inside the INSERT, so two appends can never share one.
  const insertStatement = db.prepare<[Record<string, unknown>], MessageRow>(
    `INSERT INTO messages (id, conversation_id, seq, role, content, thinking, status, model, served_by, num_ctx,
       error, stats, notice, created_at, updated_at)
     VALUES (@id, @conversationId, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = @conversationId),
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
  const deleteInclusive = db.prepare(
    `DELETE FROM messages WHERE conversation_id = @conversationId
       AND seq >= (SELECT seq FROM messages WHERE id = @messageId AND conversation_id = @conversationId)`,
  )
  const deleteExclusive = db.prepare(
    `DELETE FROM messages WHERE conversation_id = @conversationId
       AND seq > (SELECT seq FROM messages WHERE id = @messageId AND conversation_id = @conversationId)`,
  )
  const interruptStatement = db.prepare("UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'")

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
      let below = Number.MAX_SAFE_INTEGER
      if (before !== undefined) {
        const found = seqStatement.get(before, conversationId)
        if (!found) throw new AppFailure('NOT_FOUND', 'That message is no longer in this conversation.')
        below = found.seq
      }
      const rows = newestStatement.all(conversationId, below, limit + 1)
      const hasOlder = rows.length > limit
      if (hasOlder) rows.pop()
      return { messages: rows.reverse().map(toChatMessage), hasOlder }
    },
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
    deleteFrom(conversationId, messageId, options) {
      const statement = options.inclusive ? deleteInclusive : deleteExclusive
      return statement.run({ conversationId, messageId }).changes
    },
    markInterrupted: () => interruptStatement.run(context.now()).changes,
  }
}
