import type { ReplyStats } from '../../../src-shared/types'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import type { OllamaClient } from '../ollama/client'
import type { ChatRequestIn } from '../ollama/types'
import type { PromptEntry } from './conversation-text'
import type { ReplyBuffer } from './reply-buffer'
import type { ServingPlan } from './serving-model'

const isCode = (error: unknown, code: string) => (error as { code?: unknown } | null)?.code === code

/** How a streamed reply ended: Ollama's numbers and its `done_reason` (`stop`, `length`), when it got that far. */
export interface StreamOutcome {
  stats: ReplyStats | null
  doneReason: string | null
}

/**
 * Streams the reply; when the temporary model answers 404 before any token (another ollmchat instance cleaned
 * it up between turns), recreates it once and retries the turn.
 */
export async function streamWithOneRecreate(options: {
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
    const request = {
      model,
      messages,
      ...options.chosen,
      ...(plan.requestNumCtx === null ? {} : { numCtx: plan.requestNumCtx }),
    }
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
