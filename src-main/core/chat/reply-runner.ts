import type { AppError } from '../../../src-shared/ipc/result'
import type { NumCtx } from '../../../src-shared/num-ctx'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ContextFacts } from '../context/context-facts'
import type { ReplyContext } from '../context/reply-context'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import type { OllamaClient } from '../ollama/client'
import { attemptReply } from './reply-attempt'
import { ReplyBuffer } from './reply-buffer'
import { createReplyNotices } from './reply-notices'
import { startReplyProgress } from './reply-progress'
import { saveReply } from './reply-save'
import { startAssistantMessage } from './reply-start'

/** What a reply uses of the connection to its host (`OllamaConnection`). */
export interface ReplyConnection {
  client: OllamaClient
  tempModels: TempModelManager
  replyContext: ReplyContext
  facts: ContextFacts
}

/** What every reply needs; the connection is the request's own (`ReplyRequest.connection`), not read here. */
export interface ReplyDeps {
  history: HistoryStore
  /** The active host's connection now: a request looks it up once and holds its client (`chat-service.ts`). */
  connection(): ReplyConnection
  /** The `num_ctx` setting of `model` on `host` (the reply's host's address). */
  numCtxFor(host: string, model: string): NumCtx | null
  events: CoreEvents
  log: Logger
  /**
   * Reports a failed reply, with the host it ran against, so the Ollama status can flip to unreachable at once
   * (but only if that host is still the one in use).
   */
  onOllamaError?(error: AppError, host: string): void
  /** After every reply, whatever its outcome (the model list may have changed: a model loaded, unloaded). */
  afterReply?(): void
  /** The `replyIdleMinutes` setting, read when a reply starts: how long Ollama may send nothing (`idle-watch.ts`). */
  replyIdleMinutes(): number
  /** `idleMinuteMs`: how long one minute of the idle watch lasts (60,000; tests shorten it). */
  timing: { deltaIntervalMs: number; checkpointIntervalMs: number; idleMinuteMs: number }
}

export interface ReplyRequest {
  requestId: string
  /** The connection the request looked up when it began, held by it until it ends: every call of the reply uses it. */
  connection: ReplyConnection
  conversation: ConversationSummary
  /** The message being answered; `null` when regenerating. */
  userMessage: ChatMessage | null
  signal: AbortSignal
}

/**
 * Runs one assistant reply end to end: saves an empty reply, picks the serving model (temporary model, or the
 * base with a notice), streams tokens into the reply (coalesced deltas, checkpoints), and saves the outcome:
 * `complete`, `cancelled` with the partial text, or `error` with the partial text and a typed error (a limit in
 * words, with the numbers). Every reply that reached Ollama is saved with its context report, and the first time
 * Ollama truncates the conversation a notice says so. It only throws when the conversation vanished; every other
 * failure ends up in the saved reply. This is the order of the steps; each lives in its own `reply-*.ts` file.
 */
export async function runReply(deps: ReplyDeps, request: ReplyRequest): Promise<ChatTurn> {
  const { history, events, log } = deps
  const { requestId, conversation, signal } = request
  const conversationId = conversation.id
  const model = conversation.model
  if (model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
  const { client, tempModels, replyContext, facts } = request.connection
  const numCtx = deps.numCtxFor(client.host, model)

  const assistant = startAssistantMessage({
    history,
    events,
    requestId,
    conversation,
    userMessage: request.userMessage,
    model,
    numCtx,
  })
  const notices = createReplyNotices({ history, events, requestId, conversationId })
  const progress = startReplyProgress({
    events,
    requestId,
    conversationId,
    model,
    idleMinutes: deps.replyIdleMinutes(),
    minuteMs: deps.timing.idleMinuteMs,
  })
  const buffer = new ReplyBuffer({
    deltaIntervalMs: deps.timing.deltaIntervalMs,
    checkpointIntervalMs: deps.timing.checkpointIntervalMs,
    emitDelta: (content, thinking) =>
      events.emit('chat:delta', { requestId, messageId: assistant.id, content, thinking }),
    checkpoint: (content, thinking) => void history.updateMessage(assistant.id, { content, thinking }),
    log,
  })
  const ended = await attemptReply({
    history,
    log,
    client,
    tempModels,
    replyContext,
    conversation,
    model,
    numCtx,
    assistantId: assistant.id,
    notices,
    progress,
    buffer,
    signal: AbortSignal.any([signal, progress.idleSignal]),
    onOllamaError: (error, host) => deps.onOllamaError?.(error, host),
  })
  const saved = await saveReply({
    history,
    replyContext,
    facts,
    conversationId,
    assistantId: assistant.id,
    buffer,
    ended,
    host: client.host,
    addNotice: notices.add,
  })
  deps.afterReply?.()
  return {
    conversation: history.getConversation(conversationId) ?? saved.conversation,
    userMessage: request.userMessage,
    assistantMessage: saved.assistantMessage,
    notices: notices.list,
  }
}
