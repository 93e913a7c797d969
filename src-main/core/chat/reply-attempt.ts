import type { AppError } from '../../../src-shared/ipc/result'
import type { NumCtx } from '../../../src-shared/num-ctx'
import type { ConversationSummary } from '../../../src-shared/types'
import type { ReplyContext, SentReply } from '../context/reply-context'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import type { OllamaClient } from '../ollama/client'
import type { ReplyBuffer } from './reply-buffer'
import { replyFailure, type ReplyFailure } from './reply-failure'
import type { ReplyNotices } from './reply-notices'
import type { ReplyProgress } from './reply-progress'
import { promptForReply } from './reply-prompt'
import type { ReplyEnd } from './reply-save'
import { streamWithOneRecreate, type StreamOutcome } from './reply-stream'
import { planServingModel, type ServingPlan } from './serving-model'

/** What getting one reply's text from Ollama uses: the reply's saved message, its notices, progress and buffer. */
export interface ReplyAttempt {
  history: HistoryStore
  log: Logger
  client: OllamaClient
  tempModels: TempModelManager
  replyContext: ReplyContext
  conversation: ConversationSummary
  /** The conversation's model (the base a temporary model is made from). */
  model: string
  numCtx: NumCtx | null
  assistantId: string
  notices: ReplyNotices
  progress: ReplyProgress
  buffer: ReplyBuffer
  /** Aborted when the user stops the reply or the idle watch ends it. */
  signal: AbortSignal
  onOllamaError: (error: AppError, host: string) => void
}

/** How far a reply got before it ended: a failure is explained, and the reply saved, against what was reached. */
interface Reached {
  plan?: ServingPlan
  sent?: SentReply
}

/**
 * Picks the serving model, builds the prompt and streams the reply into its buffer, then says how it ended. It never
 * throws: a stop or a failure becomes the end it is saved with. Its timers and its claim on a temporary model end
 * here, and the buffer is flushed, so what follows (the save) sees every token.
 */
export async function attemptReply(attempt: ReplyAttempt): Promise<ReplyEnd> {
  const { progress, buffer } = attempt
  const reached: Reached = {}
  let failure: ReplyFailure | null = null
  let outcome: StreamOutcome = { stats: null, doneReason: null }
  try {
    outcome = await planPromptAndStream(attempt, reached)
  } catch (caught) {
    failure = await replyFailure({
      caught,
      idleFailure: progress.idleFailure,
      sent: reached.sent,
      replyContext: attempt.replyContext,
      log: attempt.log,
      conversationId: attempt.conversation.id,
      model: reached.plan?.model ?? attempt.model,
      host: attempt.client.host,
      onOllamaError: attempt.onOllamaError,
    })
  } finally {
    progress.stop()
    reached.plan?.release()
    buffer.flush()
  }
  return { status: failure?.status ?? 'complete', error: failure?.error ?? null, outcome, sent: reached.sent }
}

/** The steps that reach Ollama, in order; each records in `reached` what it got to, for when a later one throws. */
async function planPromptAndStream(attempt: ReplyAttempt, reached: Reached): Promise<StreamOutcome> {
  const { history, log, model, notices, progress } = attempt
  const plan = await planServingModel({
    baseModel: model,
    numCtx: attempt.numCtx,
    tempModels: attempt.tempModels,
    log,
    signal: attempt.signal,
    onPreparing: progress.preparing,
  })
  reached.plan = plan
  if (plan.notice !== null) notices.add(plan.notice, { kind: 'context-setting' })
  history.updateMessage(attempt.assistantId, { servedBy: plan.model, numCtx: plan.numCtx })
  const { entries, chosen, imagesNotSent } = promptForReply({
    history,
    replyContext: attempt.replyContext,
    conversation: attempt.conversation,
    model,
    assistantId: attempt.assistantId,
  })
  if (imagesNotSent !== null) notices.add(imagesNotSent.content, imagesNotSent.notice)
  reached.sent = {
    servedBy: plan.model,
    baseModel: model,
    requestNumCtx: plan.requestNumCtx,
    asked: plan.numCtx,
    entries,
  }
  return await streamWithOneRecreate({
    client: attempt.client,
    tempModels: attempt.tempModels,
    baseModel: model,
    plan,
    entries,
    signal: attempt.signal,
    buffer: attempt.buffer,
    log,
    chosen,
    onChunk: progress.onChunk,
    onWaiting: progress.waiting,
    onFirstToken: progress.answering,
  })
}
