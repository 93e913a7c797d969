import type { StoredModel } from './manifest'

const INTEGER = [
  'num_keep',
  'seed',
  'num_predict',
  'top_k',
  'repeat_last_n',
  'num_ctx',
  'num_batch',
  'num_gpu',
  'main_gpu',
  'num_thread',
]
const FLOAT = ['temperature', 'top_p', 'min_p', 'typical_p', 'repeat_penalty', 'presence_penalty', 'frequency_penalty']
const BOOLEAN = ['use_mmap']

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
export function checkOptions(
  modelParams: Record<string, unknown>,
  requestOptions: Record<string, unknown>,
): string | undefined {
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
 * An integer runner option as `api.Options` ends up with it: request > model parameter > `api.DefaultOptions`
 * (`server/routes.go` `modelOptionsWithEmbeddingBatchDefault`). Call {@link checkOptions} first.
 */
function intOption(model: StoredModel, requestOptions: Record<string, unknown>, key: string, fallback: number): number {
  return asInt(requestOptions[key]) ?? asInt(model.parameters[key]) ?? fallback
}

/** `num_predict`; `api.DefaultOptions` has -1 (until a stop condition, bounded later by `boundedNumPredict`). */
export function numPredictOption(model: StoredModel, requestOptions: Record<string, unknown>): number {
  return intOption(model, requestOptions, 'num_predict', -1)
}

/** `num_keep`, the prompt tokens a context shift keeps; `api.DefaultOptions` has 4. */
export function numKeepOption(model: StoredModel, requestOptions: Record<string, unknown>): number {
  return intOption(model, requestOptions, 'num_keep', 4)
}
