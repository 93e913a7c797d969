import type { AppError } from '../../../src-shared/ipc/result'
import type { ChatMessage, MessageRole, MessageStatus, NoticeInfo, ReplyStats } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ConversationRepo } from './conversation-repo'
import type { HistoryContext } from './database'
import { MESSAGE_COLUMNS, toChatMessage, type MessageRow } from './row-mapping'
import { errorToJson, noticeToJson, statsToJson } from './stored-json'

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

/** Appends at the end of a conversation's path, in one transaction with the conversation's activity mark. */
export type AppendMessage = (input: NewMessage) => ChatMessage

/** Prepares the insert once; appending checks the conversation exists (deleted or not). */
export function createAppendMessage(
  context: HistoryContext,
  conversations: Pick<ConversationRepo, 'exists' | 'touch'>,
): AppendMessage {
  const { db } = context
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
  return (input) => append(input)
}
