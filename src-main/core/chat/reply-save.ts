import type { AppError } from '../../../src-shared/ipc/result'
import type {
  ChatMessage,
  ContextReport,
  ConversationSummary,
  MessageStatus,
  NoticeInfo,
} from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ContextFacts } from '../context/context-facts'
import { lastMessageTokens, memoryModelOf, type ReplyContext, type SentReply } from '../context/reply-context'
import { truncationNotice } from '../context/truncation-notice'
import type { HistoryStore } from '../history/history-store'
import type { ReplyBuffer } from './reply-buffer'
import type { StreamOutcome } from './reply-stream'

/** How a reply ended, as it is saved. */
export interface ReplyEnd {
  status: MessageStatus
  /** Saved only with `status` `error`. */
  error: AppError | null
  outcome: StreamOutcome
  /** What was sent, once the request was made; `undefined` for a reply that never reached Ollama. */
  sent: SentReply | undefined
}

/**
 * Saves the reply's text and outcome, then (for a reply that reached Ollama) its context report and, the first time
 * Ollama truncated the conversation, a notice saying so. Throws only when the conversation was deleted meanwhile.
 * Returns the saved reply and the conversation as it was right after the save.
 */
export async function saveReply(input: {
  history: HistoryStore
  replyContext: ReplyContext
  facts: ContextFacts
  conversationId: string
  assistantId: string
  buffer: ReplyBuffer
  ended: ReplyEnd
  host: string
  addNotice: (text: string, info: NoticeInfo) => void
}): Promise<{ assistantMessage: ChatMessage; conversation: ConversationSummary }> {
  const { history, buffer, conversationId, assistantId } = input
  const { status, error, outcome, sent } = input.ended
  const saved = history.updateMessage(assistantId, {
    content: buffer.content,
    thinking: buffer.thinking,
    status,
    error: status === 'error' ? error : null,
    stats: outcome.stats,
  })
  // Written with the reply rather than before its first token; a reply that never reached Ollama used no host.
  if (sent !== undefined) history.setLastHost(conversationId, input.host)
  const conversation = history.getConversation(conversationId)
  if (!saved || !conversation)
    throw new AppFailure('NOT_FOUND', 'This conversation was deleted while the reply was running.')
  // A reply that reached Ollama gets its context report, read once it is saved: never before its first token, and
  // never holding up the saving of what the user already saw.
  if (sent === undefined || (status !== 'complete' && buffer.isEmpty)) return { assistantMessage: saved, conversation }
  const context = await input.replyContext.report(sent, outcome)
  const reported = history.updateMessage(assistantId, { context }) ?? saved
  await noteTruncation({
    sent,
    context,
    conversationId,
    history,
    replyContext: input.replyContext,
    facts: input.facts,
    addNotice: input.addNotice,
  })
  return { assistantMessage: reported, conversation }
}

/** Adds the truncation notice when the reply was truncated and the conversation has not been told yet. */
async function noteTruncation(input: {
  sent: SentReply
  context: ContextReport
  conversationId: string
  history: HistoryStore
  replyContext: ReplyContext
  facts: ContextFacts
  addNotice: (text: string, info: NoticeInfo) => void
}): Promise<void> {
  if (!input.context.truncated) return
  const { sent } = input
  const details = await input.replyContext.details(sent.baseModel)
  const draft = truncationNotice({
    model: sent.baseModel,
    report: input.context,
    history: input.history.listMessages(input.conversationId),
    memory: memoryModelOf(details),
    facts: input.facts,
    hasSystemPrompt: sent.entries.some((entry) => entry.message.role === 'system'),
    lastMessageTokens: lastMessageTokens(sent),
  })
  if (draft !== null) input.addNotice(draft.content, draft.notice)
}
