import { randomUUID } from 'node:crypto'
import { exportSizeProblem, MAX_IMPORT_BYTES } from '../../../src-shared/data-rule'
import type { ExportFile, ExportFormat, ImportReport } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import type { ConversationToImport } from '../history/history-import'
import type { ExportedConversation } from './export-format'
import { exportConversation, exportDocument } from './export-json'
import { conversationToMarkdown, joinMarkdown } from './export-markdown'
import { planImport } from './import-file'
import { progressReporter } from './progress-reporter'

export interface DataServiceDeps {
  history: HistoryStore
  events: Pick<CoreEvents, 'emit'>
  /** The app's version, written into a JSON export. */
  version: string
  now?: () => Date
  newId?: () => string
  /** Lets other work run between two conversations; a test may pass one that does not wait. */
  pause?: () => Promise<void>
  /** The largest JSON export (the import's bound, so every export comes back) and the largest one indented; for tests. */
  exportBounds?: ExportBounds
}

export interface ExportBounds {
  maxBytes: number
  indentUpToBytes: number
}

/**
 * Up to 16 MB a JSON export is indented for people reading it; above, indentation would only add a third to a file
 * no one reads by eye (and bring it nearer the import's bound).
 */
const DEFAULT_EXPORT_BOUNDS: ExportBounds = { maxBytes: MAX_IMPORT_BYTES, indentUpToBytes: 16 * 1024 * 1024 }

export interface DataService {
  exportData(request: { requestId: string; format: ExportFormat; conversationId?: string }): Promise<ExportFile>
  importData(request: { requestId: string; text: string }): Promise<ImportReport>
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A file name from a title: letters and digits of any script, words joined by dashes. */
export const fileNameOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'conversation'

/**
 * Export and import of the history, one conversation at a time with a pause between two (main keeps answering
 * while a large history is read or checked) and `data:progress` events on the way. An import is checked whole
 * before anything is written, then written in one transaction: a refused file leaves the history as it was.
 */
export function createDataService(deps: DataServiceDeps): DataService {
  const { history, events } = deps
  const now = deps.now ?? (() => new Date())
  const newId = deps.newId ?? randomUUID
  const pause = deps.pause ?? nextTurn
  const bounds = deps.exportBounds ?? DEFAULT_EXPORT_BOUNDS

  const refuseOver = (bytes: number, single: boolean) => {
    const tooLarge = exportSizeProblem(bytes, { maxBytes: bounds.maxBytes, single })
    if (tooLarge !== null) throw new AppFailure('INVALID_INPUT', tooLarge)
  }

  /** The JSON text of an export (indented when small), refused in a sentence when an import would not take it back. */
  const jsonText = (exported: ExportedConversation[], compactBytes: number, single: boolean): string => {
    const document = exportDocument(exported, `ollmchat ${deps.version}`, now())
    const text = `${compactBytes <= bounds.indentUpToBytes ? JSON.stringify(document, null, 2) : JSON.stringify(document)}\n`
    refuseOver(Buffer.byteLength(text, 'utf8'), single)
    return text
  }

  return {
    async exportData({ requestId, format, conversationId }) {
      const conversations =
        conversationId === undefined ? history.listConversations() : [history.getConversation(conversationId)]
      const chosen = conversations.map((conversation) => {
        if (conversation === null) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
        return conversation
      })
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
          refuseOver(compactBytes, single)
          exported.push(one)
        } else parts.push(conversationToMarkdown(conversation, history.listMessages(conversation.id)))
        report(index + 1)
        await pause()
      }
      const date = now().toISOString().slice(0, 10)
      const baseName = single && chosen[0] !== undefined ? fileNameOf(chosen[0].title) : `ollmchat-export-${date}`
      return format === 'json'
        ? {
            fileName: `${baseName}.json`,
            mime: 'application/json',
            text: jsonText(exported, compactBytes, single),
            conversations: chosen.length,
          }
        : { fileName: `${baseName}.md`, mime: 'text/markdown', text: joinMarkdown(parts), conversations: chosen.length }
    },

    async importData({ requestId, text }) {
      const plan = planImport(text, { newId, now: () => now().toISOString() })
      const base = { requestId, operation: 'import' as const }
      const checking = progressReporter(
        (progress) => events.emit('data:progress', progress),
        { ...base, phase: 'checking' },
        plan.items.length,
      )
      checking(0)
      const conversations: ConversationToImport[] = []
      let imagesLeftOut = 0
      for (const [index, item] of plan.items.entries()) {
        const read = plan.read(item, index)
        conversations.push(read.conversation)
        imagesLeftOut += read.imagesLeftOut
        checking(index + 1)
        await pause()
      }
      const saving = progressReporter(
        (progress) => events.emit('data:progress', progress),
        { ...base, phase: 'saving' },
        conversations.length,
      )
      const written = history.importConversations(conversations, (done) => saving(done))
      const summaries = written
        .map((conversation) => history.getConversation(conversation.id))
        .filter((summary) => summary !== null)
      events.emit('conversations:imported', { conversations: summaries })
      return {
        source: plan.source,
        conversations: written.length,
        messages: conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0),
        images: conversations.reduce(
          (sum, conversation) =>
            sum + conversation.messages.reduce((count, message) => count + message.images.length, 0),
          0,
        ),
        copies: written.filter((conversation) => conversation.copied).length,
        imagesLeftOut,
        conversationIds: written.map((conversation) => conversation.id),
      }
    },
  }
}
