import {
  checkConversationOptions,
  isThinkSetting,
  thinkToStored,
  type ConversationOptions,
  type ThinkSetting,
} from '../../../src-shared/conversation-options'
import { AppFailure } from '../app-failure'
import type { HistoryContext } from './database'

/** Metadata changes; absent fields stay as they are. */
export interface ConversationPatch {
  title?: string
  model?: string | null
  systemPrompt?: string
  /** Replaces every option the conversation sets; `{}` returns all of them to the model's own. */
  options?: ConversationOptions
  /** `null`: the model's default. A change of model without `think` resets it (another model thinks differently). */
  think?: ThinkSetting | null
}

/** Writes a patch to a conversation not in the bin; does nothing for an unknown or soft-deleted one. */
export type UpdateConversation = (id: string, patch: ConversationPatch) => void

/** Throws `INVALID_INPUT` with a sentence for the first field the patch gets wrong; nothing is written before. */
function checkConversationPatch(patch: ConversationPatch): void {
  if (patch.title !== undefined && patch.title.trim() === '') {
    throw new AppFailure('INVALID_INPUT', 'A conversation title cannot be empty.')
  }
  if (patch.options !== undefined) {
    const problem = checkConversationOptions(patch.options)
    if (problem !== null) throw new AppFailure('INVALID_INPUT', problem)
  }
  if (patch.think !== undefined && patch.think !== null && !isThinkSetting(patch.think)) {
    throw new AppFailure('INVALID_INPUT', 'Thinking must be on, off, low, medium or high.')
  }
}

/** Prepares the update once: one statement whose fields are switched by flags, so a patch is one write. */
export function createUpdateConversation(context: HistoryContext): UpdateConversation {
  const updateStatement = context.db.prepare(
    `UPDATE conversations SET
       title = coalesce(@title, title),
       model = CASE WHEN @setModel THEN @model ELSE model END,
       system_prompt = coalesce(@systemPrompt, system_prompt),
       options = CASE WHEN @setOptions THEN @options ELSE options END,
       think = CASE WHEN @setThink THEN @think WHEN @setModel AND @model IS NOT model THEN NULL ELSE think END
     WHERE id = @id AND deleted_at IS NULL`,
  )
  return (id, patch) => {
    checkConversationPatch(patch)
    updateStatement.run({
      id,
      title: patch.title?.trim() ?? null,
      setModel: patch.model === undefined ? 0 : 1,
      model: patch.model ?? null,
      systemPrompt: patch.systemPrompt ?? null,
      setOptions: patch.options === undefined ? 0 : 1,
      options:
        patch.options === undefined || Object.keys(patch.options).length === 0 ? null : JSON.stringify(patch.options),
      setThink: patch.think === undefined ? 0 : 1,
      think: thinkToStored(patch.think ?? null),
    })
  }
}
