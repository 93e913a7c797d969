import { exportSizeProblem, MAX_IMPORT_BYTES } from '../../../src-shared/data-rule'
import type { ConversationSummary, ExportFile, ExportFormat } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import type { ExportedConversation } from './export-format'
import { exportConversation, exportDocument } from './export-json'
import { conversationToMarkdown, joinMarkdown } from './export-markdown'
import { progressReporter } from './progress-reporter'

export interface ExportBounds {
  maxBytes: number
  indentUpToBytes: number
}

/**
 * Up to 16 MB a JSON export is indented for people reading it; above, indentation would only add a third to a file
 * no one reads by eye (and bring it nearer the import's bound).
 */
export const DEFAULT_EXPORT_BOUNDS: ExportBounds = { maxBytes: MAX_IMPORT_BYTES, indentUpToBytes: 16 * 1024 * 1024 }

/** What an export reads and reports through; the data service fills it from its own dependencies. */
export interface ExportContext {
  history: HistoryStore
  events: Pick<CoreEvents, 'emit'>
  /** The app's version, written into a JSON export. */
  version: string
  now: () => Date
  pause: () => Promise<void>
  bounds: ExportBounds
}

export interface ExportRequest {
  requestId: string
  format: ExportFormat
  conversationId?: string
}

/** A file name from a title: letters and digits of any script, words joined by dashes. */
export const fileNameOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'conversation'

/** The whole history, or the one conversation asked for (refused in a sentence when it is gone). */
function conversationsToExport(history: HistoryStore, conversationId: string | undefined): ConversationSummary[] {
  const conversations =
    conversationId === undefined ? history.listConversations() : [history.getConversation(conversationId)]
  return conversations.map((conversation) => {
    if (conversation === null) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    return conversation
  })
}

/** Refuses, in a sentence, an export an import would not take back. */
function refuseOver(bounds: ExportBounds, bytes: number, single: boolean): void {
  const tooLarge = exportSizeProblem(bytes, { maxBytes: bounds.maxBytes, single })
  if (tooLarge !== null) throw new AppFailure('INVALID_INPUT', tooLarge)
}

/** The JSON text of an export (indented when small), refused in a sentence when an import would not take it back. */
function jsonText(context: ExportContext, exported: ExportedConversation[], compactBytes: number, single: boolean) {
  const document = exportDocument(exported, `ollmchat ${context.version}`, context.now())
  const indent = compactBytes <= context.bounds.indentUpToBytes
  const text = `${indent ? JSON.stringify(document, null, 2) : JSON.stringify(document)}\n`
  refuseOver(context.bounds, Buffer.byteLength(text, 'utf8'), single)
  return text
}

/**
 * Exports the history (or one conversation) as JSON or Markdown, one conversation at a time with a pause between
 * two and `data:progress` events on the way.
 */
export async function exportHistory(
  context: ExportContext,
  { requestId, format, conversationId }: ExportRequest,
): Promise<ExportFile> {
  const { history, events } = context
  const chosen = conversationsToExport(history, conversationId)
  const report = progressReporter(
    (progress) => events.emit('data:progress', progress),
    { requestId, operation: 'export', phase: 'exporting' },
    chosen.length,
  )
  report(0)
  const parts: string[] = []
  const exported: ExportedConversation[] = []
  const single = conversationId !== undefined
  // Each conversation's size is counted as it comes: a history far past the bound stops there, instead of being
  // read whole and then failing to become one string beyond what V8 holds (`Invalid string length`).
  let compactBytes = 0
  for (const [index, conversation] of chosen.entries()) {
    if (format === 'json') {
      const one = exportConversation(history, conversation)
      compactBytes += Buffer.byteLength(JSON.stringify(one), 'utf8') + 1
      refuseOver(context.bounds, compactBytes, single)
      exported.push(one)
    } else parts.push(conversationToMarkdown(conversation, history.listMessages(conversation.id)))
    report(index + 1)
    await context.pause()
  }
  const date = context.now().toISOString().slice(0, 10)
  const baseName = single && chosen[0] !== undefined ? fileNameOf(chosen[0].title) : `ollmchat-export-${date}`
  return format === 'json'
    ? {
        fileName: `${baseName}.json`,
        mime: 'application/json',
        text: jsonText(context, exported, compactBytes, single),
        conversations: chosen.length,
      }
    : { fileName: `${baseName}.md`, mime: 'text/markdown', text: joinMarkdown(parts), conversations: chosen.length }
}
