import type { ImportReport } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { ConversationToImport } from '../history/history-import'
import type { HistoryStore } from '../history/history-store'
import { planImport } from './import-file'
import { progressReporter } from './progress-reporter'

/** What an import reads, writes and reports through; the data service fills it from its own dependencies. */
export interface ImportContext {
  history: HistoryStore
  events: Pick<CoreEvents, 'emit'>
  now: () => Date
  newId: () => string
  pause: () => Promise<void>
}

export interface ImportRequest {
  requestId: string
  text: string
}

/** Every conversation of the file read and checked, with a pause between two, before anything is written. */
async function readWhole(
  context: ImportContext,
  plan: ReturnType<typeof planImport>,
  checking: (done: number) => void,
): Promise<{ conversations: ConversationToImport[]; imagesLeftOut: number }> {
  checking(0)
  const conversations: ConversationToImport[] = []
  let imagesLeftOut = 0
  for (const [index, item] of plan.items.entries()) {
    const read = plan.read(item, index)
    conversations.push(read.conversation)
    imagesLeftOut += read.imagesLeftOut
    checking(index + 1)
    await context.pause()
  }
  return { conversations, imagesLeftOut }
}

const messageCount = (conversations: ConversationToImport[]): number =>
  conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0)

const imageCount = (conversations: ConversationToImport[]): number =>
  conversations.reduce(
    (sum, conversation) => sum + conversation.messages.reduce((count, message) => count + message.images.length, 0),
    0,
  )

/**
 * Imports a file: checked whole before anything is written, then written in one transaction, so a refused file
 * leaves the history as it was. `data:progress` events tell both phases; `conversations:imported` the result.
 */
export async function importHistory(context: ImportContext, { requestId, text }: ImportRequest): Promise<ImportReport> {
  const { history, events } = context
  const plan = planImport(text, { newId: context.newId, now: () => context.now().toISOString() })
  const progressOf = (phase: 'checking' | 'saving', total: number) =>
    progressReporter(
      (progress) => events.emit('data:progress', progress),
      { requestId, operation: 'import', phase },
      total,
    )
  const { conversations, imagesLeftOut } = await readWhole(context, plan, progressOf('checking', plan.items.length))
  const saving = progressOf('saving', conversations.length)
  const written = history.importConversations(conversations, (done) => saving(done))
  const summaries = written
    .map((conversation) => history.getConversation(conversation.id))
    .filter((summary) => summary !== null)
  events.emit('conversations:imported', { conversations: summaries })
  return {
    source: plan.source,
    conversations: written.length,
    messages: messageCount(conversations),
    images: imageCount(conversations),
    copies: written.filter((conversation) => conversation.copied).length,
    imagesLeftOut,
    conversationIds: written.map((conversation) => conversation.id),
  }
}
