import type { ChatMessage } from '../../../src-shared/types'
import type { HistoryContext } from './database'
import { MESSAGE_COLUMNS, toChatMessage, type MessageRow } from './row-mapping'
import { contextToJson, errorToJson, statsToJson } from './stored-json'

/** The fields of a saved message that may change; absent fields stay as they are. */
export type MessagePatch = Partial<
  Pick<ChatMessage, 'content' | 'thinking' | 'status' | 'error' | 'stats' | 'servedBy' | 'numCtx' | 'context'>
>

/** In-place changes to saved messages; see `HistoryStore` for each method's guarantees. */
export interface MessageUpdates {
  update(id: string, patch: MessagePatch): ChatMessage | null
  markInterrupted(): number
}

const flag = (present: boolean) => (present ? 1 : 0)

/** Prepares the update statements once. */
export function createMessageUpdates(context: HistoryContext): MessageUpdates {
  const { db } = context
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
  const interruptStatement = db.prepare(
    "UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'",
  )

  return {
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
    markInterrupted: () => interruptStatement.run(context.now()).changes,
  }
}
