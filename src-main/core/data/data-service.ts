import { randomUUID } from 'node:crypto'
import type { ExportFile, ExportFormat, ImportReport } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import type { ConversationToImport } from '../history/history-import'
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
}

export interface DataService {
  exportData(request: { requestId: string; format: ExportFormat; conversationId?: string }): Promise<ExportFile>
  importData(request: { requestId: string; text: string }): Promise<ImportReport>
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A file name from a title: letters and digits of any script, words joined by dashes. */
export const fileNameOf = (title: string): string =>
  title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'conversation'

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

  return {
    async exportData({ requestId, format, conversationId }) {
      const conversations = conversationId === undefined ? history.listConversations() : [history.getConversation(conversationId)]
      const chosen = conversations.map((conversation) => {
        if (conversation === null) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
        return conversation
      })
      const report = progressReporter((progress) => events.emit('data:progress', progress), { requestId, operation: 'export', phase: 'exporting' }, chosen.length)
      report(0)
      const parts: string[] = []
      const exported = []
      for (const [index, conversation] of chosen.entries()) {
        if (format === 'json') exported.push(exportConversation(history, conversation))
        else parts.push(conversationToMarkdown(conversation, history.listMessages(conversation.id)))
        report(index + 1)
        await pause()
      }
      const date = now().toISOString().slice(0, 10)
      const single = conversationId !== undefined && chosen[0] !== undefined ? fileNameOf(chosen[0].title) : `ollmchat-export-${date}`
      return format === 'json'
        ? {
            fileName: `${single}.json`,
            mime: 'application/json',
            text: `${JSON.stringify(exportDocument(exported, `ollmchat ${deps.version}`, now()), null, 2)}\n`,
            conversations: chosen.length,
          }
        : { fileName: `${single}.md`, mime: 'text/markdown', text: joinMarkdown(parts), conversations: chosen.length }
    },

    async importData({ requestId, text }) {
      const plan = planImport(text, { newId, now: () => now().toISOString() })
      const base = { requestId, operation: 'import' as const }
      const checking = progressReporter((progress) => events.emit('data:progress', progress), { ...base, phase: 'checking' }, plan.items.length)
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
      const saving = progressReporter((progress) => events.emit('data:progress', progress), { ...base, phase: 'saving' }, conversations.length)
      const written = history.importConversations(conversations, (done) => saving(done))
      return {
        source: plan.source,
        conversations: written.length,
        messages: conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0),
        images: conversations.reduce((sum, conversation) => sum + conversation.messages.reduce((count, message) => count + message.images.length, 0), 0),
        copies: written.filter((conversation) => conversation.copied).length,
        imagesLeftOut,
        conversationIds: written.map((conversation) => conversation.id),
      }
    },
  }
}
