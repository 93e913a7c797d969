import { aContext, shortModelName } from '../../../src-shared/format'
import type { NumCtx } from '../../../src-shared/num-ctx'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { TempModelManager } from '../models/temp-model-manager'
import { tempModelApplies } from '../models/temp-model-naming'

/** Which model a reply is sent to, and with what context. */
export interface ServingPlan {
  /** The name sent to `/api/chat`: the temporary model, or the base on fallback. */
  model: string
  /** `options.num_ctx` for the request: only on fallback, so the user's context still applies. */
  requestNumCtx: number | null
  /** The context the user asked for, if any (recorded on the reply). */
  numCtx: NumCtx | null
  /** The temporary model in use, so a 404 can recreate it. */
  tempPath: string | null
  /** A sentence for the conversation when the plan is not what the user asked for. */
  notice: string | null
  /** Ends this reply's claim on the temporary model (clean-up may delete it once nothing claims it). */
  release(): void
}

const noop = (): void => {}

const isFatalForFallback = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code
  // Falling back cannot help when the base is missing, Ollama is down, or the user stopped the reply.
  return (
    code === 'MODEL_NOT_FOUND' ||
    code === 'OLLAMA_UNREACHABLE' ||
    code === 'CANCELLED' ||
    (error instanceof Error && error.name === 'AbortError')
  )
}

/**
 * Decides how to serve `baseModel` with the user's `num_ctx` (or none): through a temporary model when one is set,
 * creating it if needed. When creating it fails for a reason a plain request can survive, the reply falls back to
 * the base with `options.num_ctx`, and the plan carries a notice; the error is logged.
 */
export async function planServingModel(options: {
  baseModel: string
  numCtx: NumCtx | null
  tempModels: TempModelManager
  log: Logger
  signal: AbortSignal
  onPreparing(text: string): void
}): Promise<ServingPlan> {
  const { baseModel, numCtx, tempModels, log, signal } = options
  const base = { model: baseModel, requestNumCtx: null, numCtx, tempPath: null, notice: null, release: noop }
  if (numCtx === null) return base
  const name = shortModelName(baseModel)
  if (!tempModelApplies(baseModel)) {
    return {
      ...base,
      numCtx: null,
      notice: `${name} is a cloud model: it runs with the context ollama.com gives it, so your context setting does not apply.`,
    }
  }
  try {
    const ref = await tempModels.createTempModel(baseModel, numCtx, {
      signal,
      onCreating: () => options.onPreparing(`Preparing ${name} with ${aContext(numCtx)}…`),
    })
    return { ...base, model: ref.path, tempPath: ref.path, release: tempModels.acquire(ref.path) }
  } catch (error) {
    if (isFatalForFallback(error)) throw error
    const reason = messageOf(error)
    log.warn('temporary model unavailable; falling back to the base model', { baseModel, numCtx, reason })
    if ((error as { code?: unknown }).code === 'INVALID_NUM_CTX') {
      return {
        ...base,
        numCtx: null,
        notice: `Your context setting for ${name} cannot be used (${reason}) This reply uses the model's default context.`,
      }
    }
    return {
      ...base,
      requestNumCtx: numCtx,
      notice: `Could not prepare ${name} with ${aContext(numCtx)} (${reason.replace(/\.$/, '')}). This reply uses ${name} directly and asks Ollama for ${aContext(numCtx)} with the request instead.`,
    }
  }
}
