import { describe, expect, it } from 'vitest'
import {
  boundedNumPredict,
  contextShiftPromptLimit,
  nextLowerAutoNumCtx,
  requestedNumCtx,
  resolveContextShift,
  runnerNumCtx,
  serverDefaultNumCtx,
  vramTierNumCtx,
} from './context-window'
import { modelFromSpec } from './model-store'
import type { SimEnvironment } from './types'

const GiB = 1024 ** 3
const env = (patch: Partial<SimEnvironment> = {}): SimEnvironment => ({
  gpuMemoryBytes: 8 * GiB,
  systemMemoryBytes: 32 * GiB,
  contextLengthEnv: 0,
  cloudAuth: 'signed-in',
  ...patch,
})

describe('automatic context', () => {
  it('follows the VRAM tiers of Serve (23 and 47 GiB thresholds)', () => {
    expect(vramTierNumCtx(0)).toBe(4096)
    expect(vramTierNumCtx(23 * GiB - 1)).toBe(4096)
    expect(vramTierNumCtx(23 * GiB)).toBe(32768)
    expect(vramTierNumCtx(47 * GiB - 1)).toBe(32768)
    expect(vramTierNumCtx(47 * GiB)).toBe(262144)
  })

  it('takes OLLAMA_CONTEXT_LENGTH over the tier', () => {
    expect(serverDefaultNumCtx(env({ gpuMemoryBytes: 48 * GiB }))).toBe(262144)
    expect(serverDefaultNumCtx(env({ gpuMemoryBytes: 48 * GiB, contextLengthEnv: 2048 }))).toBe(2048)
  })

  it('is automatic only when neither the request, the model nor OLLAMA_CONTEXT_LENGTH sets num_ctx', () => {
    const plain = modelFromSpec('llama3')
    const derived = modelFromSpec({ name: 'temp', parameters: { num_ctx: 2048 } })
    expect(requestedNumCtx(plain, {}, env())).toEqual({ requested: 4096, automatic: true })
    expect(requestedNumCtx(plain, { num_ctx: 4096 }, env())).toEqual({ requested: 4096, automatic: false })
    expect(requestedNumCtx(plain, { num_ctx: 3000.9 }, env())).toEqual({ requested: 3000, automatic: false })
    expect(requestedNumCtx(derived, {}, env())).toEqual({ requested: 2048, automatic: false })
    expect(requestedNumCtx(derived, { num_ctx: 8192 }, env())).toEqual({ requested: 8192, automatic: false })
    expect(requestedNumCtx(plain, {}, env({ contextLengthEnv: 4096 }))).toEqual({ requested: 4096, automatic: false })
  })

  it('raises to 4 (2048 for vision) and clamps to the trained length at load', () => {
    const llama3 = modelFromSpec('llama3')
    const vision = modelFromSpec('gemma3:4b')
    expect(runnerNumCtx(llama3, 0)).toBe(4)
    expect(runnerNumCtx(llama3, 262144)).toBe(8192)
    expect(runnerNumCtx(vision, 512)).toBe(2048)
    expect(runnerNumCtx(vision, 262144)).toBe(131072)
  })

  it('steps an automatic context down one tier after a load OOM', () => {
    expect(nextLowerAutoNumCtx(262144)).toBe(32768)
    expect(nextLowerAutoNumCtx(32769)).toBe(32768)
    expect(nextLowerAutoNumCtx(32768)).toBe(4096)
    expect(nextLowerAutoNumCtx(4096)).toBeUndefined()
  })
})

describe('llama-server limits', () => {
  it('bounds open-ended generation to 10 × num_ctx', () => {
    expect(boundedNumPredict(-1, 4096)).toBe(40960)
    expect(boundedNumPredict(100, 4096)).toBe(100)
    expect(boundedNumPredict(50000, 4096)).toBe(40960)
    expect(boundedNumPredict(-1, 0)).toBe(-1)
  })

  it('keeps num_keep and about half of the rest after a context-shift cut', () => {
    expect(contextShiftPromptLimit(64, 4)).toBe(34)
    expect(contextShiftPromptLimit(64, 5)).toBe(35)
    expect(contextShiftPromptLimit(8192, 25)).toBe(8192 - 4083)
    expect(contextShiftPromptLimit(64, 1000)).toBe(63)
    expect(contextShiftPromptLimit(1, 4)).toBe(0)
  })

  it('turns context shift off for deepseek2 unless the request asks, and never has it for safetensors', () => {
    expect(resolveContextShift(modelFromSpec('llama3'), undefined)).toBe(true)
    expect(resolveContextShift(modelFromSpec('llama3'), false)).toBe(false)
    expect(resolveContextShift(modelFromSpec('deepseek-v2:16b'), undefined)).toBe(false)
    expect(resolveContextShift(modelFromSpec('deepseek-v2:16b'), true)).toBe(true)
    expect(resolveContextShift(modelFromSpec({ name: 'mlx', format: 'safetensors' }), true)).toBe(false)
  })
})
