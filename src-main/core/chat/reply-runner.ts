import type { AppError } from '../../../src-shared/ipc/result'
import type { NumCtx } from '../../../src-shared/num-ctx'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ContextFacts } from '../context/context-facts'
import type { ReplyContext, SentReply } from '../context/reply-context'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import type { OllamaClient } from '../ollama/client'
import { ReplyBuffer } from './reply-buffer'
import { replyFailure, type ReplyFailure } from './reply-failure'
import { createReplyNotices } from './reply-notices'
import { startReplyProgress } from './reply-progress'
import { promptForReply } from './reply-prompt'
import { saveReply, type ReplyEnd } from './reply-save'
import { streamWithOneRecreate, type StreamOutcome } from './reply-stream'
import { planServingModel, type ServingPlan } from './serving-model'

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

  const assistant = history.appendMessage({
    conversationId,
    role: 'assistant',
    content: '',
    status: 'streaming',
    model,
    numCtx,
  })
  events.emit('chat:started', {
    requestId,
    conversationId,
    conversation: history.getConversation(conversationId) ?? conversation,
    userMessage: request.userMessage,
    assistantMessage: assistant,
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
  const replySignal = AbortSignal.any([signal, progress.idleSignal])
  const buffer = new ReplyBuffer({
    deltaIntervalMs: deps.timing.deltaIntervalMs,
    checkpointIntervalMs: deps.timing.checkpointIntervalMs,
    emitDelta: (content, thinking) =>
      events.emit('chat:delta', { requestId, messageId: assistant.id, content, thinking }),
    checkpoint: (content, thinking) => void history.updateMessage(assistant.id, { content, thinking }),
    log,
  })

  let plan: ServingPlan | undefined
  let sent: SentReply | undefined
  let failure: ReplyFailure | null = null
  let outcome: StreamOutcome = { stats: null, doneReason: null }
  try {
    plan = await planServingModel({
      baseModel: model,
      numCtx,
      tempModels,
      log,
      signal: replySignal,
      onPreparing: progress.preparing,
    })
    if (plan.notice !== null) notices.add(plan.notice, { kind: 'context-setting' })
    history.updateMessage(assistant.id, { servedBy: plan.model, numCtx: plan.numCtx })
    const { entries, chosen, imagesNotSent } = promptForReply({
      history,
      replyContext,
      conversation,
      model,
      assistantId: assistant.id,
    })
    if (imagesNotSent !== null) notices.add(imagesNotSent.content, imagesNotSent.notice)
    sent = { servedBy: plan.model, baseModel: model, requestNumCtx: plan.requestNumCtx, asked: plan.numCtx, entries }
    outcome = await streamWithOneRecreate({
      client,
      tempModels,
      baseModel: model,
      plan,
      entries,
      signal: replySignal,
      buffer,
      log,
      chosen,
      onChunk: progress.onChunk,
      onWaiting: progress.waiting,
      onFirstToken: progress.answering,
    })
  } catch (caught) {
    failure = await replyFailure({
      caught,
      idleFailure: progress.idleFailure,
      sent,
      replyContext,
      log,
      conversationId,
      model: plan?.model ?? model,
      host: client.host,
      onOllamaError: (error, host) => deps.onOllamaError?.(error, host),
    })
  } finally {
    progress.stop()
    plan?.release()
    buffer.flush()
  }
  const ended: ReplyEnd = { status: failure?.status ?? 'complete', error: failure?.error ?? null, outcome, sent }
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
