import type { AppError } from '../../../src-shared/ipc/result'
import type { NumCtx } from '../../../src-shared/num-ctx'
import type { ChatMessage, ChatTurn, ContextReport, ConversationSummary, MessageStatus, NoticeInfo, ReplyStats } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { ReplyContext, SentReply } from '../context/reply-context'
import { lastMessageTokens, memoryModelOf } from '../context/reply-context'
import { truncationNotice } from '../context/truncation-notice'
import type { ContextFacts } from '../context/context-facts'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import type { OllamaClient } from '../ollama/client'
import type { ChatRequestIn } from '../ollama/types'
import { OllamaUnreachableError } from '../ollama/errors'
import { promptEntries, type PromptEntry } from './conversation-text'
import { imagesNotSentNotice } from './message-images'
import { abilitiesOf, thinkToSend, type ModelAbilities } from './model-abilities'
import { ReplyBuffer } from './reply-buffer'
import { startIdleWatch, stillWaitingText } from './idle-watch'
import { shortModelName } from '../../../src-shared/format'
import { planServingModel, type ServingPlan } from './serving-model'

/** What one reply needs; `connection` is read once per reply, so a host change never splits a reply. */
export interface ReplyDeps {
  history: HistoryStore
  connection(): { client: OllamaClient; tempModels: TempModelManager; replyContext: ReplyContext; facts: ContextFacts }
  numCtxFor(model: string): NumCtx | null
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
  conversation: ConversationSummary
  /** The message being answered; `null` when regenerating. */
  userMessage: ChatMessage | null
  signal: AbortSignal
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown } | null)?.code === code

/**
 * Runs one assistant reply end to end: saves an empty reply, picks the serving model (temporary model, or the
 * base with a notice), streams tokens into the reply (coalesced deltas, checkpoints), and saves the outcome:
 * `complete`, `cancelled` with the partial text, or `error` with the partial text and a typed error (a limit in
 * words, with the numbers). Every reply that reached Ollama is saved with its context report, and the first time
 * Ollama truncates the conversation a notice says so. It only throws when the conversation vanished; every other
 * failure ends up in the saved reply.
 */
export async function runReply(deps: ReplyDeps, request: ReplyRequest): Promise<ChatTurn> {
  const { history, events, log } = deps
  const { requestId, conversation, signal } = request
  const model = conversation.model
  if (model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
  const { client, tempModels, replyContext, facts } = deps.connection()
  const numCtx = deps.numCtxFor(model)

  const assistant = history.appendMessage({ conversationId: conversation.id, role: 'assistant', content: '', status: 'streaming', model, numCtx })
  events.emit('chat:started', {
    requestId,
    conversationId: conversation.id,
    conversation: history.getConversation(conversation.id) ?? conversation,
    userMessage: request.userMessage,
    assistantMessage: assistant,
  })
  const notices: ChatMessage[] = []
  let phase: 'preparing-model' | 'waiting-for-model' | 'streaming' = 'waiting-for-model'
  const progress = (next: typeof phase, text: string) => {
    phase = next
    events.emit('chat:progress', { requestId, conversationId: conversation.id, phase, text })
  }
  // Silence counts from the start (preparing the model included) and after every line Ollama sends.
  const idle = startIdleWatch({
    idleMinutes: deps.replyIdleMinutes(),
    minuteMs: deps.timing.idleMinuteMs,
    onStillWaiting: (minutes) => {
      if (phase === 'streaming') stalledMidReply = true
      progress(phase === 'streaming' ? 'waiting-for-model' : phase, stillWaitingText(minutes))
    },
  })
  // A reply that stalled after its first token and then goes on is answering again: said once, at its next line.
  let stalledMidReply = false
  const onChunk = () => {
    idle.touch()
    if (!stalledMidReply) return
    stalledMidReply = false
    progress('streaming', `${shortModelName(model)} is answering…`)
  }
  const replySignal = AbortSignal.any([signal, idle.signal])
  const addNotice = (text: string, info: NoticeInfo) => {
    const notice = history.appendMessage({ conversationId: conversation.id, role: 'notice', content: text, status: 'complete', notice: info })
    notices.push(notice)
    events.emit('chat:notice', { requestId, conversationId: conversation.id, message: notice })
  }

  const buffer = new ReplyBuffer({
    deltaIntervalMs: deps.timing.deltaIntervalMs,
    checkpointIntervalMs: deps.timing.checkpointIntervalMs,
    emitDelta: (content, thinking) => events.emit('chat:delta', { requestId, messageId: assistant.id, content, thinking }),
    checkpoint: (content, thinking) => void history.updateMessage(assistant.id, { content, thinking }),
    log,
  })

  let plan: ServingPlan | undefined
  let sent: SentReply | undefined
  let status: MessageStatus = 'complete'
  let error: AppError | null = null
  let outcome: StreamOutcome = { stats: null, doneReason: null }
  try {
    plan = await planServingModel({ baseModel: model, numCtx, tempModels, log, signal: replySignal, onPreparing: (text) => progress('preparing-model', text) })
    if (plan.notice !== null) addNotice(plan.notice, { kind: 'context-setting' })
    history.updateMessage(assistant.id, { servedBy: plan.model, numCtx: plan.numCtx })
    // What the model takes decides what it is sent: images only with vision (Ollama would pass them on regardless),
    // `think` only as the model takes it (else Ollama answers 400). Only what is already known is used: nothing may
    // wait on Ollama before the reply's own request, and where nothing is known the user's choices are sent as made.
    const abilities = abilitiesOf(replyContext.knownDetails(model))
    const earlier = history.listMessages(conversation.id).filter((message) => message.id !== assistant.id)
    const readsImages = abilities?.readsImages ?? true
    const imagesNotSent = readsImages ? null : imagesNotSentNotice(model, earlier)
    if (imagesNotSent !== null) addNotice(imagesNotSent.content, imagesNotSent.notice)
    const readImages = (id: string) => history.imagesOf(id).map((image) => Buffer.from(image.data).toString('base64'))
    const entries = promptEntries(conversation.systemPrompt, earlier, readsImages ? readImages : undefined)
    sent = { servedBy: plan.model, baseModel: model, requestNumCtx: plan.requestNumCtx, asked: plan.numCtx, entries }
    outcome = await streamWithOneRecreate({ client, tempModels, baseModel: model, plan, entries, signal: replySignal, buffer, log, chosen: chosenSettings(conversation, abilities),
      onChunk,
      onWaiting: () => progress('waiting-for-model', `Waiting for ${shortModelName(model)}…`),
      onFirstToken: () => progress('streaming', `${shortModelName(model)} is answering…`) })
  } catch (caught) {
    // The reply's own signal may be aborted by now: what Ollama says about a limit is read without it (bounded).
    const explained = idle.failure ?? (sent === undefined ? caught : await replyContext.explainFailure(caught, sent))
    error = toAppError(explained, log, 'chat reply')
    status = error.code === 'CANCELLED' ? 'cancelled' : 'error'
    if (status === 'error') {
      // `detail` is the sentence the window shows; a transport failure's own code (`reason`) is what a debugger needs.
      const reason = (caught as { reason?: unknown } | null)?.reason
      log.warn('reply failed', { conversationId: conversation.id, model: plan?.model ?? model, code: error.code, detail: error.detail, reason })
      deps.onOllamaError?.(error, caught instanceof OllamaUnreachableError ? caught.host : client.host)
    }
  } finally {
    idle.stop()
    plan?.release()
    buffer.flush()
  }
  const saved = history.updateMessage(assistant.id, {
    content: buffer.content,
    thinking: buffer.thinking,
    status,
    error: status === 'error' ? error : null,
    stats: outcome.stats,
  })
  // Written with the reply rather than before its first token; a reply that never reached Ollama used no host.
  if (sent !== undefined) history.setLastHost(conversation.id, client.host)
  const updatedConversation = history.getConversation(conversation.id)
  if (!saved || !updatedConversation) throw new AppFailure('NOT_FOUND', 'This conversation was deleted while the reply was running.')
  let final = saved
  // A reply that reached Ollama gets its context report, read once it is saved: never before its first token, and
  // never holding up the saving of what the user already saw.
  if (sent !== undefined && (status === 'complete' || !buffer.isEmpty)) {
    const context = await replyContext.report(sent, outcome)
    final = history.updateMessage(assistant.id, { context }) ?? saved
    await noteTruncation({ sent, context, conversationId: conversation.id, history, replyContext, facts, addNotice })
  }
  deps.afterReply?.()
  return { conversation: history.getConversation(conversation.id) ?? updatedConversation, userMessage: request.userMessage, assistantMessage: final, notices }
}

/** Adds the truncation notice when the reply was truncated and the conversation has not been told yet. */
async function noteTruncation(input: {
  sent: SentReply
  context: ContextReport
  conversationId: string
  history: HistoryStore
  replyContext: ReplyContext
  facts: ContextFacts
  addNotice(text: string, info: NoticeInfo): void
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

/** The conversation's own options and thinking choice as the request carries them: only what the user set (and fits). */
function chosenSettings(conversation: ConversationSummary, abilities: ModelAbilities | null): Pick<ChatRequestIn, 'options' | 'think'> {
  const think = thinkToSend(conversation.think, abilities)
  return {
    ...(Object.keys(conversation.options).length === 0 ? {} : { options: conversation.options }),
    ...(think === null ? {} : { think }),
  }
}

/** How a streamed reply ended: Ollama's numbers and its `done_reason` (`stop`, `length`), when it got that far. */
interface StreamOutcome {
  stats: ReplyStats | null
  doneReason: string | null
}

/**
 * Streams the reply; when the temporary model answers 404 before any token (another ollmchat instance cleaned
 * it up between turns), recreates it once and retries the turn.
 */
async function streamWithOneRecreate(options: {
  client: OllamaClient
  tempModels: TempModelManager
  baseModel: string
  plan: ServingPlan
  entries: readonly PromptEntry[]
  signal: AbortSignal
  buffer: ReplyBuffer
  log: Logger
  chosen: Pick<ChatRequestIn, 'options' | 'think'>
  /** Every line Ollama sends, empty or not. */
  onChunk(): void
  onWaiting(): void
  onFirstToken(): void
}): Promise<StreamOutcome> {
  const { client, plan, buffer, signal } = options
  const messages = options.entries.map((entry) => entry.message)
  const attempt = async (model: string): Promise<StreamOutcome> => {
    options.onWaiting()
    let first = true
    const request = { model, messages, ...options.chosen, ...(plan.requestNumCtx === null ? {} : { numCtx: plan.requestNumCtx }) }
    for await (const chunk of client.chat(request, { signal })) {
      options.onChunk()
      if (first && (chunk.content.length > 0 || chunk.thinking.length > 0)) {
        first = false
        options.onFirstToken()
      }
      buffer.append(chunk.content, chunk.thinking)
      if (chunk.done) return { stats: chunk.stats, doneReason: chunk.doneReason }
    }
    return { stats: null, doneReason: null }
  }
  try {
    return await attempt(plan.model)
  } catch (error) {
    if (plan.tempPath === null || !isCode(error, 'MODEL_NOT_FOUND') || !buffer.isEmpty) throw error
    options.log.warn('temporary model vanished between turns; recreating it once', { model: plan.tempPath })
    options.tempModels.invalidate(plan.tempPath)
    if (plan.numCtx === null) throw error
    const recreated = await options.tempModels.createTempModel(options.baseModel, plan.numCtx, { signal })
    return attempt(recreated.path)
  }
}
