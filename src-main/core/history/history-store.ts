import { randomUUID } from 'node:crypto'
import type { ChatMessage, ConversationSummary, SearchPage } from '../../../src-shared/types'
import { createConversationRepo, type ConversationPatch } from './conversation-repo'
import { openCheckedDatabase, type DamagedHistoryFile } from './damaged-file'
import { openDatabase, type HistoryContext } from './database'
import { createHistoryImport, type ImportConversations } from './history-import'
import { createHistoryMessages } from './history-messages'
import { createHistorySearch } from './history-search'
import type { ImageToStore, StoredImage } from './image-repo'
import type { MessagePage, MessagePageRequest, MessagePatch, NewMessage, TreeMessage } from './message-repo'
import { migrate } from './migrations'
import type { SearchRequest } from './search'
import { createTempModelTable } from './temp-model-table'
import type { TempModelRegistry } from '../models/temp-model-registry'
import { silentLogger, type Logger } from '../log'

export type { MessagePage, MessagePageRequest, MessagePatch, NewMessage, TreeMessage } from './message-repo'
export { DEFAULT_TITLE } from './conversation-repo'
export { HistoryVersionError } from './migrations'
export type { DamagedHistoryFile } from './damaged-file'

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
  updateConversation(id: string, patch: ConversationPatch): ConversationSummary | null
  /** Soft delete (restorable until purged); `false` when unknown or already deleted. */
  deleteConversation(id: string): boolean
  /** Undoes a soft delete; returns the conversation (also when it was not deleted), `null` when unknown. */
  restoreConversation(id: string): ConversationSummary | null
  /** Hard-deletes conversations soft-deleted before `olderThan`, with their messages; returns how many. */
  purgeDeleted(olderThan: Date): number
  /**
   * The messages of the path the conversation shows, in conversation order. A conversation is a tree (a regenerated
   * reply or an edited message is a new version beside the old one); the path is what the window shows, the model is
   * sent, search finds and a Markdown export writes.
   */
  listMessages(conversationId: string): ChatMessage[]
  /**
   * The newest `limit` messages of the path (of those before the message `before`, when given), in conversation order,
   * and whether older ones precede them. Throws `NOT_FOUND` when `before` is not a message on that path.
   */
  listNewestMessages(conversationId: string, request: MessagePageRequest): MessagePage
  /** Every message of the conversation, every version, in the order they were written, each saying if it is on the path. */
  listMessageTree(conversationId: string): TreeMessage[]
  getMessage(id: string): ChatMessage | null
  /**
   * Appends at the end of the conversation's path (its parent is the path's last message) and makes the
   * conversation the most recent one. Also accepted for a soft-deleted conversation (a reply may finish after its
   * conversation was deleted); throws `NOT_FOUND` for an unknown one.
   */
  appendMessage(input: NewMessage, images?: readonly ImageToStore[]): ChatMessage
  /** One image of a message (`ChatMessage.images` says which it has); `null` when it has no such image. */
  readImage(messageId: string, position: number): StoredImage | null
  /** A message's images in order (`[]` when it has none): for the prompt, or to keep them on an edited version. */
  imagesOf(messageId: string): ImageToStore[]
  /** One UPDATE; the conversation's `updatedAt` is left alone. `null` when the message is unknown. */
  updateMessage(id: string, patch: MessagePatch): ChatMessage | null
  /**
   * Takes `messageId` and every message after it off the path, keeping them as another version: the next append
   * becomes a version beside `messageId`. Returns how many left the path; throws `NOT_FOUND` when `messageId` is not
   * on the conversation's path.
   */
  branchFrom(conversationId: string, messageId: string): number
  /**
   * A new version of the message `messageId` (on the path): `branchFrom` it, then `appendMessage` the new one, in one
   * transaction, so a failed append leaves the path as it was rather than cut with no new version. Throws as those do.
   */
  appendVersionOf(messageId: string, input: NewMessage, images?: readonly ImageToStore[]): ChatMessage
  /**
   * Deletes `messageId` and every message after it on the path (a failed reply not worth keeping as a version); when a
   * version hangs below them, they only leave the path, as `branchFrom`. Throws `NOT_FOUND` as `branchFrom`.
   */
  discardFrom(conversationId: string, messageId: string): number
  /**
   * Shows version `version` (1-based, oldest first) of the message `messageId` (on the path) instead: the path then
   * follows, below that version, the messages it was last shown with. Returns the path from the version shown on
   * (`null` when it already was); throws `NOT_FOUND` for a message not on the path and `INVALID_INPUT` for a version
   * it does not have.
   */
  showVersion(conversationId: string, messageId: string, version: number): ChatMessage[] | null
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
  /** Writes whole conversations as a file gave them, in one transaction (all or none); see `history-import.ts`. */
  importConversations: ImportConversations
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
  /**
   * When given, the file is checked first (`PRAGMA quick_check`, read-only) and a damaged one is moved aside for a new
   * history holding the rows that could still be read, then reported here (see `openCheckedDatabase`); without it a
   * damaged file is opened or thrown as is.
   */
  onDamaged?: (damaged: DamagedHistoryFile) => void
  /** Where a damaged file that could not be moved aside or salvaged is reported; default: nowhere. */
  log?: Logger
}

/**
 * Opens the history file and migrates it to the current schema. Throws `HistoryVersionError` for a file from a
 * newer ollmchat, and an error naming the file when it is not a SQLite database.
 */
export function openHistoryStore(options: OpenHistoryStoreOptions): HistoryStore {
  const databaseOptions =
    options.nativeBinding === undefined
      ? { file: options.file }
      : { file: options.file, nativeBinding: options.nativeBinding }
  const db =
    options.onDamaged === undefined
      ? openDatabase(databaseOptions)
      : openCheckedDatabase(databaseOptions, {
          now: options.now ?? (() => new Date()),
          onDamaged: options.onDamaged,
          log: options.log ?? silentLogger,
        })
  try {
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }
  const now = options.now ?? (() => new Date())
  const context: HistoryContext = { db, now: () => now().toISOString(), newId: options.newId ?? randomUUID }
  const conversations = createConversationRepo(context)
  const search = createHistorySearch(db, databaseOptions)

  return {
    listConversations: () => conversations.list(),
    createConversation: (input) => conversations.create(input),
    getConversation: (id) => conversations.get(id),
    updateConversation: (id, patch) => conversations.update(id, patch),
    deleteConversation: (id) => conversations.softDelete(id),
    restoreConversation: (id) => conversations.restore(id),
    purgeDeleted: (olderThan) => conversations.purgeDeleted(olderThan.toISOString()),
    ...createHistoryMessages(context, conversations),
    search: (request) => search.search(request),
    warmSearch: () => search.warm(),
    setLastHost: (conversationId, host) => conversations.setLastHost(conversationId, host),
    importConversations: createHistoryImport(context),
    tempModels: createTempModelTable(db),
    close() {
      search.close()
      if (db.open) db.close()
    },
  }
}
