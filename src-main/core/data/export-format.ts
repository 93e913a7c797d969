import type { ConversationOptions, ThinkSetting } from '../../../src-shared/conversation-options'
import type { MessageToImport } from '../history/history-import'

/**
 * ollmchat's JSON export, version 1: everything the history holds about a conversation, so importing it gives the
 * same history back.
 *
 * ```
 * { "format": "ollmchat-export", "version": 1, "exportedAt": ISO time, "app": "ollmchat 1.2.3",
 *   "conversations": [ { id, title, model, systemPrompt, createdAt, updatedAt, lastHost, options, think,
 *     "messages": [ { id, parentId, onPath, pathStamp, role, content, thinking, status, model, servedBy, numCtx,
 *                     error, stats, context, notice, createdAt, updatedAt, images: [ { mime, data } ] } ] } ] }
 * ```
 *
 * - `messages` is the whole tree (every version of every reply and edit), in the order they were written: a
 *   message always comes after its parent (`parentId`, `null` for a first message). Versions of a message are the
 *   messages of its role under the same parent, oldest first.
 * - `onPath` marks the branch the conversation shows (what Markdown exports, search finds and the model is sent): a
 *   line from a first message down. `pathStamp` orders when each message last joined that path: moving back to an
 *   older version follows, below it, the children shown last with it.
 * - `images` are the bytes of a user message's images, base64, with their format (PNG, JPEG, WebP or GIF).
 * - `options` are the model options the conversation changes (`{}`: the model's own); `think` is the thinking choice
 *   (`true`, `false`, `"low"`, `"medium"`, `"high"`, or `null` for the model's default).
 * - Times are ISO 8601 in UTC (an import takes any ISO 8601 time with its zone, stored in UTC, and refuses other
 *   forms). Ids are kept on import unless the history already has them (then the conversation
 *   comes in as a copy with new ids).
 *
 * A later version that changes a field's meaning gets a new `version`; this one refuses versions it does not know.
 */
export const EXPORT_FORMAT = 'ollmchat-export'
export const EXPORT_VERSION = 1

export interface ExportedImage {
  mime: string
  /** The image's bytes as base64. */
  data: string
}

/** A message as the file holds it: what an import writes, with its images as base64 rather than bytes. */
export type ExportedMessage = Omit<MessageToImport, 'images'> & { images: ExportedImage[] }

export interface ExportedConversation {
  id: string
  title: string
  model: string | null
  systemPrompt: string
  createdAt: string
  updatedAt: string
  lastHost: string | null
  options: ConversationOptions
  think: ThinkSetting | null
  messages: ExportedMessage[]
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  exportedAt: string
  /** Which ollmchat wrote it ("ollmchat 1.2.3"), for people reading the file. */
  app: string
  conversations: ExportedConversation[]
}
