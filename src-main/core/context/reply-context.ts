import { minNumCtxFor } from '../../../src-shared/limits'
import type { ContextReport, ContextSource, ReplyStats } from '../../../src-shared/types'
import type { PromptEntry } from '../chat/conversation-text'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { ModelCatalog, ModelDetails } from '../models/model-catalog'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaUnreachableError } from '../ollama/errors'
import { OutOfMemoryError } from '../ollama/limit-errors'
import { ContextFacts, type RunnerFacts, type ServedBy } from './context-facts'
import { explainLimitFailure } from './limit-failures'
import { estimateMemory, type MemoryModel } from './memory-estimate'
import { estimatePrompt, promptParts } from './prompt-estimate'
import { findTruncation } from './truncation'

/** One reply as sent: to which model, with which context, and the prompt. */
export interface SentReply extends ServedBy {
  /** The user's `num_ctx` the reply was asked to run with; `null` when the model's own or Ollama's applied. */
  asked: number | null
  entries: readonly PromptEntry[]
}

/**
 * Works out what context a reply really had, after it ended (never before its first token: a warm turn still sends
 * Ollama exactly one request before the reply starts). The runner is learnt from one `/api/ps` the first time and
 * remembered (`ContextFacts`); the model's details come from the catalog's caches.
 */
export class ReplyContext {
  constructor(
    private readonly deps: { client: OllamaClient; catalog: ModelCatalog; facts: ContextFacts; log: Logger },
  ) {}

  /** The report saved with a reply that ended (complete, stopped or failed after text). */
  async report(sent: SentReply, outcome: { stats: ReplyStats | null; doneReason: string | null }, signal: AbortSignal): Promise<ContextReport> {
    const [runner, details] = await Promise.all([this.runner(sent, signal), this.details(sent.baseModel, signal)])
    const source: ContextSource = sent.asked !== null ? 'custom' : details?.shown?.numCtx != null ? 'model' : 'ollama-default'
    const effective = runner?.contextLength ?? null
    const trained = details?.shown?.trainedContext ?? details?.listed.contextLength ?? null
    if (source === 'ollama-default' && effective !== null) this.deps.facts.noteAutomatic(sent.baseModel, effective, trained)
    const promptTokens = outcome.stats?.promptTokens ?? null
    const parts = promptParts(sent.entries)
    const finding = findTruncation(parts, estimatePrompt(parts), promptTokens, effective)
    return {
      asked: sent.asked,
      source,
      effective,
      promptTokens,
      replyTokens: outcome.stats?.replyTokens ?? null,
      ...finding,
      lengthLimited: outcome.doneReason === 'length',
    }
  }

  /**
   * A failure at one of the limits in words, with the numbers and a one-click fix (`explainLimitFailure`); any other
   * failure comes back as it was. An out-of-memory load is remembered, so no larger context is offered later.
   */
  async explainFailure(error: unknown, sent: SentReply, signal: AbortSignal): Promise<unknown> {
    if (!(error instanceof Error) || !['PROMPT_TOO_LONG', 'OUT_OF_MEMORY', 'SIGN_IN_REQUIRED'].includes((error as { code?: string }).code ?? '')) {
      return error
    }
    const [runner, details] = await Promise.all([this.runner(sent, signal), this.details(sent.baseModel, signal)])
    const memory = memoryModelOf(details)
    const tried = sent.asked ?? runner?.contextLength ?? null
    if (error instanceof OutOfMemoryError && memory !== null && tried !== null) {
      const needed = estimateMemory(memory, tried, null)
      if (needed !== null) this.deps.facts.noteOutOfMemory(needed.totalBytes)
    }
    const lastOnly = sent.entries.filter((entry, index) => entry.message.role === 'system' || index === sent.entries.length - 1)
    const explained = explainLimitFailure(error, {
      model: sent.baseModel,
      asked: sent.asked,
      effective: runner?.contextLength ?? null,
      memory,
      lastMessageTokens: Math.round(estimatePrompt(promptParts(lastOnly)).expected),
      largestLoadedBytes: this.deps.facts.largestLoadedBytes(),
      minimum: minNumCtxFor(details?.listed.capabilities ?? []),
    })
    return explained ?? error
  }

  /** The model's details for sentences and estimates; `null` when Ollama cannot say (logged, never thrown). */
  async details(model: string, signal: AbortSignal): Promise<ModelDetails | null> {
    try {
      return await this.deps.catalog.details(model, { signal })
    } catch (error) {
      if (!(error instanceof CancelledError)) this.deps.log.warn('could not read model details for the context report', { model, error: messageOf(error) })
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

/** Weights, KV shape and trained length of a model, or `null` without its details. */
export function memoryModelOf(details: ModelDetails | null): MemoryModel | null {
  if (details === null) return null
  return {
    weightsBytes: details.listed.sizeBytes,
    kvShape: details.shown?.kvShape ?? null,
    trainedContext: details.shown?.trainedContext ?? details.listed.contextLength,
  }
}
