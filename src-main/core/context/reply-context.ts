import { minNumCtxFor } from '../../../src-shared/limits'
import type { ContextReport, ContextSource, ReplyStats } from '../../../src-shared/types'
import type { PromptEntry } from '../chat/conversation-text'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import { capabilitiesOf, trainedContextOf, type ModelCatalog, type ModelDetails } from '../models/model-catalog'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaUnreachableError } from '../ollama/errors'
import { isLimitError, OutOfMemoryError, SignInRequiredError } from '../ollama/limit-errors'
import { ContextFacts, type RunnerFacts, type ServedBy } from './context-facts'
import { explainLimitFailure } from './limit-failures'
import { estimateMemory, type MemoryModel } from './memory-estimate'
import { estimatePrompt, promptParts, type PromptBasis } from './prompt-estimate'
import { findTruncation } from './truncation'

/** One reply as sent: to which model, with which context, and the prompt. */
export interface SentReply extends ServedBy {
  /** The user's `num_ctx` the reply was asked to run with; `null` when the model's own or Ollama's applied. */
  asked: number | null
  entries: readonly PromptEntry[]
}

/** How long the reads after a reply may take: the reply is saved already, its report should not keep it waiting. */
const AFTER_REPLY_TIMEOUT_MS = 2_000

/** The length of the system prompt among the entries (0 without one). */
const systemPromptChars = (entries: readonly PromptEntry[]): number =>
  entries.find((entry) => entry.message.role === 'system')?.message.content.length ?? 0

/** What a reply's prompt was sent to: its model and system prompt (earlier counts apply only to the same). */
const basisOf = (sent: SentReply): PromptBasis => ({
  model: sent.baseModel,
  systemPromptChars: systemPromptChars(sent.entries),
})

/**
 * Works out what context a reply really had, after it ended (never before its first token: a warm turn still sends
 * Ollama exactly one request before the reply starts). The runner is learnt from one `/api/ps` the first time and
 * remembered (`ContextFacts`); the model's details come from the catalog's caches. Every read here is bounded by
 * `AFTER_REPLY_TIMEOUT_MS` and fails soft (an unknown number, logged): the reply itself is already saved.
 */
export class ReplyContext {
  constructor(
    private readonly deps: { client: OllamaClient; catalog: ModelCatalog; facts: ContextFacts; log: Logger },
  ) {}

  /** The report saved with a reply that ended (complete, stopped or failed after text). */
  async report(
    sent: SentReply,
    outcome: { stats: ReplyStats | null; doneReason: string | null },
  ): Promise<ContextReport> {
    const signal = AbortSignal.timeout(AFTER_REPLY_TIMEOUT_MS)
    const [runner, details] = await Promise.all([this.runner(sent, signal), this.details(sent.baseModel, signal)])
    const source: ContextSource =
      sent.asked !== null ? 'custom' : details?.shown?.numCtx != null ? 'model' : 'ollama-default'
    const effective = runner?.contextLength ?? null
    if (source === 'ollama-default' && effective !== null && details !== null) {
      this.deps.facts.noteAutomatic(sent.baseModel, effective, trainedContextOf(details.listed, details.shown))
    }
    const promptTokens = outcome.stats?.promptTokens ?? null
    const basis = basisOf(sent)
    const parts = promptParts(sent.entries, basis)
    const finding = findTruncation(parts, estimatePrompt(parts), promptTokens, effective)
    return {
      asked: sent.asked,
      source,
      effective,
      promptTokens,
      replyTokens: outcome.stats?.replyTokens ?? null,
      ...finding,
      lengthLimited: outcome.doneReason === 'length',
      systemPromptChars: basis.systemPromptChars,
    }
  }

  /**
   * A failure at one of the limits in words, with the numbers and a one-click fix (`explainLimitFailure`); any other
   * failure comes back as it was. An out-of-memory load is remembered, so no larger context is offered later.
   */
  async explainFailure(error: unknown, sent: SentReply): Promise<unknown> {
    if (!isLimitError(error)) return error
    const signal = AbortSignal.timeout(AFTER_REPLY_TIMEOUT_MS)
    // A sign-in is about a cloud model: no local runner or weights to read about (and its /api/show may 401 too).
    const local = !(error instanceof SignInRequiredError)
    const [runner, details] = local
      ? await Promise.all([this.runner(sent, signal), this.details(sent.baseModel, signal)])
      : [null, null]
    const memory = memoryModelOf(details)
    const tried = sent.asked ?? runner?.contextLength ?? null
    if (error instanceof OutOfMemoryError && memory !== null && tried !== null) {
      const needed = estimateMemory(memory, tried, null)
      if (needed !== null) this.deps.facts.noteOutOfMemory(needed.totalBytes)
    }
    const explained = explainLimitFailure(error, {
      model: sent.baseModel,
      asked: sent.asked,
      effective: runner?.contextLength ?? null,
      memory,
      lastMessageTokens: lastMessageTokens(sent),
      largestLoadedBytes: this.deps.facts.largestLoadedBytes(),
      minimum: minNumCtxFor(details === null ? [] : capabilitiesOf(details.listed, details.shown)),
    })
    return explained ?? error
  }

  /** What is already known about the model, without a request (`ModelCatalog.knownDetails`). */
  knownDetails(model: string): ModelDetails | null {
    return this.deps.catalog.knownDetails(model)
  }

  /** The model's details for sentences and estimates; `null` when Ollama cannot say (logged, never thrown). */
  async details(
    model: string,
    signal: AbortSignal = AbortSignal.timeout(AFTER_REPLY_TIMEOUT_MS),
  ): Promise<ModelDetails | null> {
    try {
      return await this.deps.catalog.details(model, { signal })
    } catch (error) {
      if (!(error instanceof CancelledError))
        this.deps.log.warn('could not read model details for the context report', { model, error: messageOf(error) })
      return null
    }
  }

  /** The runner a reply ran on: remembered, or from one `/api/ps` read now; `null` when Ollama does not list it. */
  private async runner(sent: ServedBy, signal: AbortSignal): Promise<RunnerFacts | null> {
    const known = this.deps.facts.known(sent)
    if (known !== undefined) return known
    try {
      const running = await this.deps.client.running({ signal })
      this.deps.facts.observe(running)
      const runner = ContextFacts.findRunner(sent, running)
      return runner === undefined ? null : this.deps.facts.learn(sent, runner)
    } catch (error) {
      if (!(error instanceof CancelledError || error instanceof OllamaUnreachableError)) {
        this.deps.log.warn('could not read the loaded models for the context report', { error: messageOf(error) })
      }
      return null
    }
  }
}

/** The estimated tokens of the system prompt and the last message: what Ollama can never drop to make room. */
export function lastMessageTokens(sent: SentReply): number {
  const kept = sent.entries.filter(
    (entry, index) => entry.message.role === 'system' || index === sent.entries.length - 1,
  )
  return Math.round(estimatePrompt(promptParts(kept, basisOf(sent))).expected)
}

/** Weights, KV shape and trained length of a model, or `null` without its details. */
export function memoryModelOf(details: ModelDetails | null): MemoryModel | null {
  if (details === null) return null
  return {
    weightsBytes: details.listed.sizeBytes,
    kvShape: details.shown?.kvShape ?? null,
    trainedContext: trainedContextOf(details.listed, details.shown),
  }
}
