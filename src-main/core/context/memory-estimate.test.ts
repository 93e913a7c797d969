import { describe, expect, it } from 'vitest'
import { readKvShape } from '../ollama/show-model-info'
import { estimateMemory, largestStepWithin } from './memory-estimate'

const GiB = 1024 ** 3

// model_info as `/api/show` returns it (only the keys that matter), for three architectures.
const LLAMA3_8B = {
  'general.architecture': 'llama',
  'llama.block_count': 32,
  'llama.attention.head_count': 32,
  'llama.attention.head_count_kv': 8,
  'llama.embedding_length': 4096,
  'llama.context_length': 8192,
}
const QWEN3_8B = {
  'general.architecture': 'qwen3',
  'qwen3.block_count': 36,
  'qwen3.attention.head_count': 32,
  'qwen3.attention.head_count_kv': 8,
  'qwen3.attention.key_length': 128,
  'qwen3.attention.value_length': 128,
  'qwen3.embedding_length': 4096,
}
const GEMMA3_4B = {
  'general.architecture': 'gemma3',
  'gemma3.block_count': 34,
  'gemma3.attention.head_count': 8,
  'gemma3.attention.head_count_kv': 4,
  'gemma3.attention.key_length': 256,
  'gemma3.attention.value_length': 256,
  'gemma3.embedding_length': 2560,
}
const GPT_OSS_20B = {
  'general.architecture': 'gptoss',
  'gptoss.block_count': 24,
  'gptoss.attention.head_count': 64,
  'gptoss.attention.head_count_kv': 8,
  'gptoss.attention.key_length': 64,
  'gptoss.attention.value_length': 64,
  'gptoss.embedding_length': 2880,
}

const shapeOf = (info: Record<string, unknown>) => readKvShape(info, info['general.architecture'] as string)

describe('estimateMemory (f16 KV cache = 2 × layers × KV heads × head size × tokens × 2 bytes)', () => {
  it('llama3 8B at 8K: 2 × 32 × 8 × 128 × 8192 × 2 bytes = 1 GiB (head size = 4096 / 32)', () => {
    const estimate = estimateMemory(
      { weightsBytes: 4_661_211_808, kvShape: shapeOf(LLAMA3_8B), trainedContext: 8192 },
      8192,
      null,
    )
    expect(estimate).toEqual({
      weightsBytes: 4_661_211_808,
      kvCacheBytes: GiB,
      totalBytes: 4_661_211_808 + GiB,
      gpuBytes: null,
    })
  })

  it('qwen3 8B at 32K: 2 × 36 × 8 × 128 × 32768 × 2 bytes = 4.5 GiB (key_length given)', () => {
    const estimate = estimateMemory(
      { weightsBytes: 5_225_373_760, kvShape: shapeOf(QWEN3_8B), trainedContext: 40960 },
      32768,
      24 * GiB,
    )
    expect(estimate?.kvCacheBytes).toBe(2 * 36 * 8 * 128 * 32768 * 2)
    expect(estimate?.kvCacheBytes).toBe(4.5 * GiB)
    expect(estimate?.gpuBytes).toBe(24 * GiB)
  })

  it('llama3.2 3B at 32K: 2 × 28 × 8 × 128 × 32768 × 2 bytes = 3.5 GiB (head size = 3072 / 24)', () => {
    const shape = shapeOf({
      'general.architecture': 'llama',
      'llama.block_count': 28,
      'llama.attention.head_count': 24,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': 3072,
    })
    expect(
      estimateMemory({ weightsBytes: 2_019_377_376, kvShape: shape, trainedContext: 131072 }, 32768, null)
        ?.kvCacheBytes,
    ).toBe(3.5 * GiB)
  })

  it('qwen2.5 7B at 32K: 2 × 28 × 4 × 128 × 32768 × 2 bytes = 1.75 GiB (head size = 3584 / 28)', () => {
    const shape = shapeOf({
      'general.architecture': 'qwen2',
      'qwen2.block_count': 28,
      'qwen2.attention.head_count': 28,
      'qwen2.attention.head_count_kv': 4,
      'qwen2.embedding_length': 3584,
    })
    expect(
      estimateMemory({ weightsBytes: 4_683_087_519, kvShape: shape, trainedContext: 32768 }, 32768, null)?.kvCacheBytes,
    ).toBe(1.75 * GiB)
  })

  it('gives no estimate for sliding-window models (gemma3, gpt-oss), whose cache a full-context formula overstates', () => {
    expect(shapeOf({ ...GEMMA3_4B, 'gemma3.attention.sliding_window': 1024 })).toBeNull()
    expect(shapeOf({ ...GPT_OSS_20B, 'gptoss.attention.sliding_window': 128 })).toBeNull()
    // Without the key (an older conversion) the full-context formula applies: 2 × 34 × 4 × 256 × 131072 × 2 bytes.
    expect(
      estimateMemory({ weightsBytes: 3_338_787_520, kvShape: shapeOf(GEMMA3_4B), trainedContext: 131072 }, 131072, null)
        ?.kvCacheBytes,
    ).toBe(17 * GiB)
  })

  it('caps the context at the trained length, as Ollama does at load', () => {
    const model = { weightsBytes: 1, kvShape: shapeOf(LLAMA3_8B), trainedContext: 8192 }
    expect(estimateMemory(model, 65536, null)?.kvCacheBytes).toBe(GiB)
  })

  it('has no estimate when the shape is unknown (a per-layer head count comes as null without verbose)', () => {
    expect(shapeOf({ ...LLAMA3_8B, 'llama.attention.head_count_kv': null })).toBeNull()
    // Absent altogether (older GGUFs), the KV heads are the attention heads.
    const { 'llama.attention.head_count_kv': _omitted, ...mha } = LLAMA3_8B
    expect(shapeOf(mha)).toMatchObject({ headCountKv: 32 })
    expect(estimateMemory({ weightsBytes: 1, kvShape: null, trainedContext: null }, 8192, null)).toBeNull()
  })
})

describe('largestStepWithin', () => {
  const model = { weightsBytes: 4 * GiB, kvShape: shapeOf(LLAMA3_8B), trainedContext: 131072 }
  it('picks the largest step whose estimate fits the budget', () => {
    // 4 GiB weights + 128 KiB per token: 16K → 6 GiB, 32K → 8 GiB.
    expect(largestStepWithin(model, 7 * GiB, { minimum: 2048 })).toBe(16384)
    expect(largestStepWithin(model, 8 * GiB, { minimum: 2048 })).toBe(32768)
    expect(largestStepWithin(model, 8 * GiB, { minimum: 2048, below: 32768 })).toBe(16384)
    expect(largestStepWithin(model, 4 * GiB, { minimum: 2048 })).toBeNull()
  })
})
