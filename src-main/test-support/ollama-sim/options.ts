import type { StoredModel } from './manifest'

const INTEGER = ['num_keep', 'seed', 'num_predict', 'top_k', 'repeat_last_n', 'num_ctx', 'num_batch', 'num_gpu', 'main_gpu', 'num_thread']
const FLOAT = ['temperature', 'top_p', 'min_p', 'typical_p', 'repeat_penalty', 'presence_penalty', 'frequency_penalty']
const BOOLEAN = ['use_mmap']

/** Ollama's minimum context; anything smaller (0, negative) is raised to it at load. */
export const MIN_NUM_CTX = 4
/** Vision models are never loaded with less. */
export const MIN_VISION_NUM_CTX = 2048

function checkOne(key: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (INTEGER.includes(key) && typeof value !== 'number') return `option "${key}" must be of type integer`
  if (FLOAT.includes(key) && typeof value !== 'number') return `option "${key}" must be of type float32`
  if (BOOLEAN.includes(key) && typeof value !== 'boolean') return `option "${key}" must be of type boolean`
  if (key === 'stop') {
    if (!Array.isArray(value)) return `option "stop" must be of type array`
    if (value.some((item) => typeof item !== 'string')) return `option "stop" must be of an array of strings`
  }
  return undefined
}

/**
 * `api.Options.FromMap` over the model's stored parameters, then the request's options: the first value of the
 * wrong type gives Go's error (chat/generate answer it with HTTP 500). Unknown keys are ignored.
 */
export function checkOptions(modelParams: Record<string, unknown>, requestOptions: Record<string, unknown>): string | undefined {
  for (const source of [modelParams, requestOptions]) {
    for (const [key, value] of Object.entries(source)) {
      const error = checkOne(key, value)
      if (error !== undefined) return error
    }
  }
  return undefined
}

function asInt(value: unknown): number | undefined {
  return typeof value === 'number' ? Math.trunc(value) : undefined
}

/**
 * The context a runner gets: request `options.num_ctx` > model `num_ctx` > server default; floats truncated,
 * raised to 4 (2048 for vision models), lowered to the trained length. Call {@link checkOptions} first.
 */
export function effectiveNumCtx(model: StoredModel, requestOptions: Record<string, unknown>, defaultNumCtx: number): number {
  let numCtx = asInt(requestOptions.num_ctx) ?? asInt(model.parameters.num_ctx) ?? defaultNumCtx
  if (numCtx < MIN_NUM_CTX) numCtx = MIN_NUM_CTX
  if (model.capabilities.includes('vision') && numCtx < MIN_VISION_NUM_CTX) numCtx = MIN_VISION_NUM_CTX
  return Math.min(numCtx, model.contextLength)
}

/** `num_predict` as a token budget; negative or absent means unlimited. */
export function tokenBudget(model: StoredModel, requestOptions: Record<string, unknown>): number {
  const n = asInt(requestOptions.num_predict) ?? asInt(model.parameters.num_predict) ?? -1
  return n < 0 ? Number.POSITIVE_INFINITY : n
}
