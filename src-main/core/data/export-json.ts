import type { ConversationSummary } from '../../../src-shared/types'
import type { HistoryStore } from '../history/history-store'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument, type ExportedConversation } from './export-format'

/** The history reads an export needs (a slice of `HistoryStore`, so tests can hand a real store or a small one). */
export type ExportSource = Pick<HistoryStore, 'listMessageTree' | 'imagesOf'>

/** One conversation with its whole tree (path stamps included) and image bytes, in the JSON export's shape. */
export function exportConversation(history: ExportSource, conversation: ConversationSummary): ExportedConversation {
  return {
    id: conversation.id,
    title: conversation.title,
    model: conversation.model,
    systemPrompt: conversation.systemPrompt,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    lastHost: conversation.lastHost,
    options: conversation.options,
    think: conversation.think,
    messages: history.listMessageTree(conversation.id).map((message) => ({
      id: message.id,
      parentId: message.parentId,
      onPath: message.onPath,
      pathStamp: message.pathStamp,
      role: message.role,
      content: message.content,
      thinking: message.thinking,
      status: message.status,
      model: message.model,
      servedBy: message.servedBy,
      numCtx: message.numCtx,
      error: message.error,
      stats: message.stats,
      context: message.context,
      notice: message.notice,
      createdAt: message.createdAt,
      updatedAt: message.updatedAt,
      images:
        (message.images ?? []).length === 0
          ? []
          : history
              .imagesOf(message.id)
              .map((image) => ({ mime: image.mime, data: Buffer.from(image.data).toString('base64') })),
    })),
  }
}

/** The export document around the conversations; `app` names the ollmchat that wrote it. */
export function exportDocument(conversations: ExportedConversation[], app: string, exportedAt: Date): ExportDocument {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: exportedAt.toISOString(), app, conversations }
}
