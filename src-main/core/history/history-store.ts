import { randomUUID } from 'node:crypto'
import type { ChatMessage, ConversationSummary, SearchPage } from '../../../src-shared/types'
import { createConversationRepo } from './conversation-repo'
import { openDatabase, type HistoryContext } from './database'
import { createMessageRepo, type MessagePage, type MessagePageRequest, type MessagePatch, type NewMessage } from './message-repo'
import { migrate } from './migrations'
import { createSearch, type SearchRequest } from './search'
import { SearchThread } from './search-thread'
import { createTempModelTable } from './temp-model-table'
import type { TempModelRegistry } from '../models/temp-model-registry'

export type { MessagePage, MessagePageRequest, MessagePatch, NewMessage } from './message-repo'
export { DEFAULT_TITLE } from './conversation-repo'
export { HistoryVersionError } from './migrations'

/**
 * The chat history: conversations and their messages in one SQLite file. Every write is its own transaction
 * (WAL), so a crash at any point leaves the file consistent with the last completed call.
 */
export interface HistoryStore {
  /** Conversations not deleted, newest `updatedAt` first, each with its message count and a preview. */
  listConversations(): ConversationSummary[]
  /** The title defaults to `New chat`. */
  createConversation(input: { model: string | null; systemPrompt?: string; title?: string }): ConversationSummary
  /** `null` when unknown or soft-deleted. */
  getConversation(id: string): ConversationSummary | null
  /**
   * Changes metadata without counting as activity (`updatedAt` stays, so renaming does not reorder the list).
   * `null` when unknown or soft-deleted; throws `INVALID_INPUT` for a blank title.
   */
  updateConversation(id: string, patch: { title?: string; model?: string | null; systemPrompt?: string }): ConversationSummary | null
  /** Soft delete (restorable until purged); `false` when unknown or already deleted. */
  deleteConversation(id: string): boolean
  /** Undoes a soft delete; returns the conversation (also when it was not deleted), `null` when unknown. */
  restoreConversation(id: string): ConversationSummary | null
  /** Hard-deletes conversations soft-deleted before `olderThan`, with their messages; returns how many. */
  purgeDeleted(olderThan: Date): number
  /** In conversation order. */
  listMessages(conversationId: string): ChatMessage[]
  /**
   * The newest `limit` messages (of those before the message `before`, when given), in conversation order, and
   * whether older ones precede them. Throws `NOT_FOUND` when `before` is not a message of that conversation.
   */
  listNewestMessages(conversationId: string, request: MessagePageRequest): MessagePage
  getMessage(id: string): ChatMessage | null
  /**
   * Appends at the end of the conversation and makes it the most recent one. Also accepted for a
   * soft-deleted conversation (a reply may finish after its conversation was deleted); throws `NOT_FOUND`
   * for an unknown one.
   */
  appendMessage(input: NewMessage): ChatMessage
  /** One UPDATE; the conversation's `updatedAt` is left alone. `null` when the message is unknown. */
  updateMessage(id: string, patch: MessagePatch): ChatMessage | null
  /** Drops every message after `messageId` (and it, if `inclusive`); 0 when it is not in that conversation. */
  deleteMessagesFrom(conversationId: string, messageId: string, options: { inclusive: boolean }): number
  /**
   * Full-text search over message text and conversation titles (prefix match on every word; bm25 ranked when few
   * messages match, else newest first), one page at a time (`limit` defaults to 30, at most 100; `after` is the
   * `next` of the page before). Any input is safe; one without a word of two characters or more (with a letter or
   * digit) finds nothing. A file's
   * history is searched on a worker thread with its own read-only connection, so a search never holds up main;
   * it rejects with `SearchFailedError` when that thread fails. An in-memory history is searched in place.
   */
  search(request: SearchRequest): Promise<SearchPage>
  /** Starts the search thread ahead of the first search (nothing for an in-memory history); see `SearchThread.warm`. */
  warmSearch(): void
  /** For start-up: every `streaming` message becomes `interrupted` (the app died mid-reply). Returns how many. */
  markInterrupted(): number
  /** Records the Ollama host (address) a reply of the conversation ran on. */
  setLastHost(conversationId: string, host: string): void
  /** The temporary models ollmchat made, per Ollama host (machine state, kept here rather than in the settings). */
  readonly tempModels: TempModelRegistry
  close(): void
}

/** Inputs of `openHistoryStore`; `now` and `newId` exist for tests. */
export interface OpenHistoryStoreOptions {
  /** The SQLite file (its folder is created), or `:memory:`. */
  file: string
  /** A better-sqlite3 binary for Electron's ABI. */
  nativeBinding?: string
  now?: () => Date
  newId?: () => string
}

/**
 * Opens the history file and migrates it to the current schema. Throws `HistoryVersionError` for a file from a
 * newer ollmchat, and an error naming the file when it is not a SQLite database.
 */
export function openHistoryStore(options: OpenHistoryStoreOptions): HistoryStore {
  const db = openDatabase(options.nativeBinding === undefined ? { file: options.file } : { file: options.file, nativeBinding: options.nativeBinding })
  try {
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }
  const now = options.now ?? (() => new Date())
  const context: HistoryContext = { db, now: () => now().toISOString(), newId: options.newId ?? randomUUID }
  const conversations = createConversationRepo(context)
  const messages = createMessageRepo(context, conversations)
  // A second connection cannot see a private in-memory database: that one (tests) is searched in place.
  const thread = options.file === ':memory:' ? undefined : new SearchThread({ file: options.file, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) })
  const searchInPlace = createSearch(db)

  return {
    listConversations: () => conversations.list(),
    createConversation: (input) => conversations.create(input),
    getConversation: (id) => conversations.get(id),
    updateConversation: (id, patch) => conversations.update(id, patch),
    deleteConversation: (id) => conversations.softDelete(id),
    restoreConversation: (id) => conversations.restore(id),
    purgeDeleted: (olderThan) => conversations.purgeDeleted(olderThan.toISOString()),
    listMessages: (conversationId) => messages.list(conversationId),
    listNewestMessages: (conversationId, request) => messages.newest(conversationId, request),
    getMessage: (id) => messages.get(id),
    appendMessage: (input) => messages.append(input),
    updateMessage: (id, patch) => messages.update(id, patch),
    deleteMessagesFrom: (conversationId, messageId, options) => messages.deleteFrom(conversationId, messageId, options),
    search: async (request) => (thread === undefined ? searchInPlace(request) : thread.search(request)),
    warmSearch: () => thread?.warm(),
    markInterrupted: () => messages.markInterrupted(),
    setLastHost: (conversationId, host) => conversations.setLastHost(conversationId, host),
    tempModels: createTempModelTable(db),
    close() {
      thread?.close()
      if (db.open) db.close()
    },
  }
}
