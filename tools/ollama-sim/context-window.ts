import type { StoredModel } from './manifest'
import type { SimEnvironment } from './types'

/** Ollama's minimum context; anything smaller (0, negative) is raised to it at load. */
export const MIN_NUM_CTX = 4
/** Vision models are never loaded with less. */
export const MIN_VISION_NUM_CTX = 2048

const GiB = 1024 ** 3

/**
 * The automatic context for a machine with this much VRAM (`server/routes.go` `Serve`, the switch that sets
 * `s.defaultNumCtx`: thresholds 23 and 47 GiB, slightly below 24/48 to absorb rounding).
 */
export function vramTierNumCtx(gpuMemoryBytes: number): number {
  if (gpuMemoryBytes >= 47 * GiB) return 262144
  if (gpuMemoryBytes >= 23 * GiB) return 32768
  return 4096
}

/**
 * `num_ctx` when neither the request nor the model sets one: `api.DefaultOptions` takes OLLAMA_CONTEXT_LENGTH and
 * `server/routes.go` `modelOptionsWithEmbeddingBatchDefault` falls back to the VRAM tier when that is 0.
 */
export function serverDefaultNumCtx(env: SimEnvironment): number {
  return env.contextLengthEnv > 0 ? env.contextLengthEnv : vramTierNumCtx(env.gpuMemoryBytes)
}

/** The `num_ctx` a request asks for, before the load-time floors and clamp. */
export interface NumCtxRequest {
  /** Request `options.num_ctx` > model `num_ctx` > server default (floats truncated, as `api.Options.FromMap`). */
  requested: number
  /**
   * `server/routes.go` `usesAutomaticNumCtx`: neither the request nor the model names `num_ctx` and
   * OLLAMA_CONTEXT_LENGTH is unset. Only an automatic context is stepped down after a load OOM, and two automatic
   * requests never reload each other's runner.
   */
  automatic: boolean
}

function asInt(value: unknown): number | undefined {
  return typeof value === 'number' ? Math.trunc(value) : undefined
}

const has = (options: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(options, key)

/** `modelOptionsWithEmbeddingBatchDefault` + `usesAutomaticNumCtx`. Call `checkOptions` first. */
export function requestedNumCtx(
  model: StoredModel,
  requestOptions: Record<string, unknown>,
  env: SimEnvironment,
): NumCtxRequest {
  const requested = asInt(requestOptions.num_ctx) ?? asInt(model.parameters.num_ctx) ?? serverDefaultNumCtx(env)
  const automatic = !has(requestOptions, 'num_ctx') && !has(model.parameters, 'num_ctx') && env.contextLengthEnv === 0
  return { requested, automatic }
}

/** `server/sched.go` `getRunner`: raised to 4 and, for vision models ("multimodal models require"), to 2048. */
export function flooredNumCtx(model: StoredModel, requested: number): number {
  const numCtx = Math.max(requested, MIN_NUM_CTX)
  return model.capabilities.includes('vision') ? Math.max(numCtx, MIN_VISION_NUM_CTX) : numCtx
}

/** The context a runner is launched with: {@link flooredNumCtx}, lowered to the trained length (`effectiveContext`). */
export function runnerNumCtx(model: StoredModel, requested: number): number {
  return Math.min(flooredNumCtx(model, requested), model.contextLength)
}

/** `server/sched.go` `nextLowerAutoNumCtx`: the one step down an automatic context takes after a load OOM. */
export function nextLowerAutoNumCtx(numCtx: number): number | undefined {
  if (numCtx > 32768) return 32768
  if (numCtx > 4096) return 4096
  return undefined
}

/** `llm/llama_server.go` `openEndedGenerationContextMultiplier`. */
const OPEN_ENDED_CONTEXT_MULTIPLIER = 10

/** `llm/llama_server.go` `boundedNumPredict`: an unset or negative `num_predict` becomes 10 × num_ctx. */
export function boundedNumPredict(numPredict: number, numCtx: number): number {
  if (numCtx <= 0) return numPredict
  const limit = OPEN_ENDED_CONTEXT_MULTIPLIER * numCtx
  return numPredict < 0 || numPredict > limit ? limit : numPredict
}

/**
 * `llm/llama_server.go` `contextShiftPromptLimit`: how many prompt tokens survive a context-shift cut — `num_keep`,
 * then about half of the rest of the context is freed for generation.
 */
export function contextShiftPromptLimit(numCtx: number, numKeep: number): number {
  if (numCtx <= 1) return 0
  const keep = Math.max(0, Math.min(numKeep, numCtx - 1))
  return numCtx - Math.max(Math.trunc((numCtx - keep) / 2), 1)
}

/**
 * `server/sched.go` `resolveContextShift` / `supportsContextShift`: the request's `shift` wins; otherwise context
 * shift is on except for the deepseek2 family. Only GGUF runners have it (`getRunner` sets it when the model has a
 * blob path), so safetensors (MLX) runners always report false.
 */
export function resolveContextShift(model: StoredModel, shift: boolean | undefined): boolean {
  if (model.format !== 'gguf') return false
  if (shift !== undefined) return shift
  return model.family !== 'deepseek2'
}
