import type { ConversationSummary } from '../../../src-shared/types'
import { createUpdateConversation, type ConversationPatch } from './conversation-update'
import type { HistoryContext } from './database'
import { CONVERSATION_COLUMNS, toConversationSummary, type ConversationRow } from './row-mapping'

export type { ConversationPatch } from './conversation-update'

/** The title a conversation gets until the user or the first message names it. */
export const DEFAULT_TITLE = 'New chat'

/** Input of `ConversationRepo.create`; a missing or blank title becomes `DEFAULT_TITLE`. */
export interface NewConversation {
  model: string | null
  systemPrompt?: string
  title?: string
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

const blankToDefault = (title: string | undefined) =>
  title === undefined || title.trim() === '' ? DEFAULT_TITLE : title.trim()

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
  const updateConversation = createUpdateConversation(context)
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
      updateConversation(id, patch)
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
