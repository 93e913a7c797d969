import { checkConversationOptions, isThinkSetting, thinkToStored, type ConversationOptions, type ThinkSetting } from '../../../src-shared/conversation-options'
import type { ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { HistoryContext } from './database'
import { CONVERSATION_COLUMNS, toConversationSummary, type ConversationRow } from './row-mapping'

/** The title a conversation gets until the user or the first message names it. */
export const DEFAULT_TITLE = 'New chat'

/** Input of `ConversationRepo.create`; a missing or blank title becomes `DEFAULT_TITLE`. */
export interface NewConversation {
  model: string | null
  systemPrompt?: string
  title?: string
}

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

/** Conversations table access; every method is one statement, hence one transaction. */
export interface ConversationRepo {
  list(): ConversationSummary[]
  get(id: string): ConversationSummary | null
  /** True when a row exists, soft-deleted or not. */
  exists(id: string): boolean
  create(input: NewConversation): ConversationSummary
  update(id: string, patch: ConversationPatch): ConversationSummary | null
  softDelete(id: string): boolean
  restore(id: string): ConversationSummary | null
  purgeDeleted(olderThan: string): number
  /** Marks activity: the conversation moves to the top of the list. */
  touch(id: string, at: string): void
  /** Records the Ollama host a reply of the conversation ran on. */
  setLastHost(id: string, host: string): void
}

const blankToDefault = (title: string | undefined) => (title === undefined || title.trim() === '' ? DEFAULT_TITLE : title.trim())

/** Prepares the conversation statements once; see `HistoryStore` for each method's guarantees. */
export function createConversationRepo(context: HistoryContext): ConversationRepo {
  const { db } = context
  // pk breaks ties between equal timestamps: the conversation created later comes first.
  const listStatement = db.prepare<[], ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.deleted_at IS NULL ORDER BY c.updated_at DESC, c.pk DESC`,
  )
  const getStatement = db.prepare<[string], ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL`,
  )
  const existsStatement = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM conversations WHERE id = ?')
  const insertStatement = db.prepare(
    `INSERT INTO conversations (id, title, model, system_prompt, created_at, updated_at)
     VALUES (@id, @title, @model, @systemPrompt, @now, @now)`,
  )
  const updateStatement = db.prepare(
    `UPDATE conversations SET
       title = coalesce(@title, title),
       model = CASE WHEN @setModel THEN @model ELSE model END,
       system_prompt = coalesce(@systemPrompt, system_prompt),
       options = CASE WHEN @setOptions THEN @options ELSE options END,
       think = CASE WHEN @setThink THEN @think WHEN @setModel AND @model IS NOT model THEN NULL ELSE think END
     WHERE id = @id AND deleted_at IS NULL`,
  )
  const deleteStatement = db.prepare('UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
  const restoreStatement = db.prepare('UPDATE conversations SET deleted_at = NULL WHERE id = ?')
  const purgeStatement = db.prepare('DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?')
  const touchStatement = db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?')
  const lastHostStatement = db.prepare('UPDATE conversations SET last_host = ? WHERE id = ? AND last_host IS NOT ?')

  const get = (id: string) => {
    const row = getStatement.get(id)
    return row ? toConversationSummary(row) : null
  }

  return {
    list: () => listStatement.all().map(toConversationSummary),
    get,
    exists: (id) => existsStatement.get(id) !== undefined,
    create(input) {
      const id = context.newId()
      insertStatement.run({
        id,
        title: blankToDefault(input.title),
        model: input.model,
        systemPrompt: input.systemPrompt ?? '',
        now: context.now(),
      })
      const created = get(id)
      if (!created) throw new Error(`Conversation ${id} vanished right after it was created.`)
      return created
    },
    update(id, patch) {
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
      updateStatement.run({
        id,
        title: patch.title?.trim() ?? null,
        setModel: patch.model === undefined ? 0 : 1,
        model: patch.model ?? null,
        systemPrompt: patch.systemPrompt ?? null,
        setOptions: patch.options === undefined ? 0 : 1,
        options: patch.options === undefined || Object.keys(patch.options).length === 0 ? null : JSON.stringify(patch.options),
        setThink: patch.think === undefined ? 0 : 1,
        think: thinkToStored(patch.think ?? null),
      })
      return get(id)
    },
    softDelete: (id) => deleteStatement.run(context.now(), id).changes > 0,
    restore(id) {
      restoreStatement.run(id)
      return get(id)
    },
    purgeDeleted: (olderThan) => purgeStatement.run(olderThan).changes,
    touch(id, at) {
      touchStatement.run(at, id)
    },
    setLastHost(id, host) {
      lastHostStatement.run(host, id, host)
    },
  }
}
