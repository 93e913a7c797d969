import { describe, expect, it } from 'vitest'
import type { OllamaSim } from './index'
import { post, ps, simPerTest } from './test-helpers'

const GiB = 1024 ** 3
const MiB = 1024 ** 2
const start = simPerTest({ reply: 'ok' })
const chat = (s: OllamaSim, model: string, extra: Record<string, unknown> = {}) =>
  post(s, '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false, think: false, ...extra })
const show = async (s: OllamaSim, model: string, verbose?: boolean) =>
  ((await post(s, '/api/show', { model, verbose })).json as { model_info: Record<string, unknown> }).model_info

const LLAMA3_WEIGHTS = 4_661_211_808

// A hybrid model with a per-layer `head_count_kv`, shaped like LFM2 1.2B / LFM2.5 1.2B (Ollama's `lfm2.5-thinking`):
// LiquidAI/LFM2-1.2B's config.json has 16 layers, 32 heads, 8 KV heads, hidden size 2048 and attention only in
// layers 2, 5, 8, 10, 12 and 14 (short convolutions elsewhere); `convert/convert_lfm2.go` `KV` writes
// `attention.head_count_kv` as one count per layer, 0 for a convolution layer, and key/value lengths of 2048 / 32.
// A test spec only: the library model's size and quantization were not checked.
const LFM2_KV_HEADS = [0, 0, 8, 0, 0, 8, 0, 0, 8, 0, 8, 0, 8, 0, 8, 0]
const LFM2 = {
  name: 'hybrid-lfm2',
  family: 'lfm2',
  parameterSize: '1.2B',
  quantization: 'Q4_K_M',
  contextLength: 128000,
  sizeBytes: 730_000_000,
  architecture: {
    blockCount: 16,
    headCount: 32,
    headCountKv: 8,
    embeddingLength: 2048,
    keyLength: 64,
    valueLength: 64,
    headCountKvPerLayer: LFM2_KV_HEADS,
  },
}
// f16 KV cache of Llama 3 8B: 2 (K, V) × 32 layers × 8 KV heads × 128 × 2 bytes per token.
const llama3Kv = (numCtx: number) => 2 * 32 * 8 * 128 * numCtx * 2

describe('/api/show model_info', () => {
  it('reports each model its own attention shape, key/value lengths only when the model has them', async () => {
    const s = await start({ models: ['llama3', 'qwen3:8b', 'gemma3:4b', 'gpt-oss:20b', 'all-minilm'] })
    const qwen = await show(s, 'qwen3:8b')
    expect(qwen).toMatchObject({
      'qwen3.block_count': 36,
      'qwen3.attention.head_count': 32,
      'qwen3.attention.head_count_kv': 8,
      'qwen3.attention.key_length': 128,
      'qwen3.attention.value_length': 128,
      'qwen3.embedding_length': 4096,
      'qwen3.context_length': 40960,
    })
    const llama = await show(s, 'llama3')
    expect(llama).toMatchObject({
      'llama.block_count': 32,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': 4096,
    })
    expect(llama).not.toHaveProperty('llama.attention.key_length')
    expect(Object.keys(llama)).toEqual([...Object.keys(llama)].sort())
    expect(await show(s, 'gemma3:4b')).toMatchObject({
      'gemma3.block_count': 34,
      'gemma3.attention.head_count_kv': 4,
      'gemma3.attention.key_length': 256,
    })
    expect(await show(s, 'gpt-oss:20b')).toMatchObject({
      'gptoss.block_count': 24,
      'gptoss.attention.head_count': 64,
      'gptoss.embedding_length': 2880,
    })
    expect(await show(s, 'all-minilm')).toMatchObject({
      'bert.block_count': 6,
      'bert.embedding_length': 384,
      'bert.context_length': 512,
    })
  })

  it('reports attention.sliding_window for the models whose GGUF has one (Gemma 3: 1024, gpt-oss: 128)', async () => {
    const s = await start({ models: ['llama3', 'qwen3:8b', 'gemma3:4b', 'gpt-oss:20b'] })
    expect(await show(s, 'gemma3:4b')).toMatchObject({ 'gemma3.attention.sliding_window': 1024 })
    expect(await show(s, 'gpt-oss:20b')).toMatchObject({ 'gptoss.attention.sliding_window': 128 })
    expect(await show(s, 'llama3')).not.toHaveProperty(['llama.attention.sliding_window'])
    expect(await show(s, 'qwen3:8b')).not.toHaveProperty(['qwen3.attention.sliding_window'])
  })

  it('sends a per-layer head_count_kv as null, and as the array only when verbose', async () => {
    const s = await start({ models: [LFM2, 'llama3'] })
    const info = await show(s, 'hybrid-lfm2')
    expect(info).toHaveProperty(['lfm2.attention.head_count_kv'], null)
    expect(info).toMatchObject({
      'lfm2.block_count': 16,
      'lfm2.attention.head_count': 32,
      'lfm2.attention.key_length': 64,
    })
    expect((await show(s, 'hybrid-lfm2', true))['lfm2.attention.head_count_kv']).toEqual(LFM2_KV_HEADS)
    expect((await show(s, 'hybrid-lfm2', false))['lfm2.attention.head_count_kv']).toBeNull()
    // Scalar keys stay numbers either way.
    expect((await show(s, 'hybrid-lfm2', true))['lfm2.attention.head_count']).toBe(32)
    expect((await show(s, 'llama3', true))['llama.attention.head_count_kv']).toBe(8)
  })
})

describe('/api/ps size and size_vram', () => {
  it('is weights + f16 KV cache + the compute-graph allowance, all on the GPU when it fits', async () => {
    const s = await start({ models: ['llama3'] })
    await chat(s, 'llama3')
    const [entry] = await ps(s)
    const expected = LLAMA3_WEIGHTS + llama3Kv(4096) + 512 * MiB
    expect(entry).toMatchObject({ context_length: 4096, size: expected, size_vram: expected })
    await chat(s, 'llama3', { options: { num_ctx: 8192 } })
    expect((await ps(s))[0]?.size).toBe(LLAMA3_WEIGHTS + llama3Kv(8192) + 512 * MiB)
  })

  it('sizes the KV cache by key_length and head_count_kv (qwen3:8b at 40960 tokens: 5.6 GiB)', async () => {
    const s = await start({ models: ['qwen3:8b'], gpuMemoryBytes: 48 * GiB })
    await chat(s, 'qwen3:8b')
    const [entry] = await ps(s)
    expect(entry?.context_length).toBe(40960)
    expect(entry?.size).toBe(5_225_373_760 + 2 * 36 * 8 * 128 * 40960 * 2 + 512 * MiB)
  })

  it('sizes the KV cache of a per-layer head_count_kv by its sum (6 attention layers of 8, not 16 × 8)', async () => {
    const s = await start({ models: [LFM2] })
    await chat(s, 'hybrid-lfm2')
    const [entry] = await ps(s)
    expect(entry?.context_length).toBe(4096)
    // 48 KV heads × (64 + 64) × 4096 × 2 bytes = 48 MiB; the compute graph is a quarter of the weights.
    expect(entry?.size).toBe(730_000_000 + 48 * 128 * 4096 * 2 + 730_000_000 / 4)
  })

  it('ignores the sliding window when sizing the cache: every layer of gemma3:4b holds the whole context', async () => {
    const s = await start({ models: ['gemma3:4b'] })
    await chat(s, 'gemma3:4b')
    const [entry] = await ps(s)
    expect(entry?.context_length).toBe(4096)
    expect(entry?.size).toBe(3_338_787_520 + 2 * 34 * 4 * 256 * 4096 * 2 + 512 * MiB)
  })

  it('puts only whole layers that fit on the GPU when the runner is larger than the VRAM', async () => {
    const s = await start({ models: ['llama3'], gpuMemoryBytes: 4 * GiB })
    await chat(s, 'llama3', { options: { num_ctx: 8192 } })
    const [entry] = await ps(s)
    const perLayer = (LLAMA3_WEIGHTS + llama3Kv(8192)) / 32
    expect(entry?.size_vram).toBe(512 * MiB + Math.floor(20 * perLayer))
    expect(entry?.size).toBeGreaterThan(entry?.size_vram ?? Infinity)
    const cpu = await start({ models: ['llama3'], gpuMemoryBytes: 0 })
    await chat(cpu, 'llama3')
    expect((await ps(cpu))[0]).toMatchObject({ size_vram: 0, context_length: 4096 })
  })
})

describe('loads that do not fit', () => {
  const oom = (s: number) =>
    `llama-server reported out-of-memory during startup: ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer of size ${s}`

  it('fail with 500 for an explicit num_ctx, and nothing stays loaded', async () => {
    const s = await start({ models: ['llama3'], gpuMemoryBytes: 4 * GiB, systemMemoryBytes: 1.5 * GiB })
    await chat(s, 'llama3', { options: { num_ctx: 2048 } })
    expect(await ps(s)).toHaveLength(1)
    const answer = await chat(s, 'llama3', { options: { num_ctx: 8192 } })
    const total = LLAMA3_WEIGHTS + llama3Kv(8192) + 512 * MiB
    const vram = 512 * MiB + Math.floor((20 * (LLAMA3_WEIGHTS + llama3Kv(8192))) / 32)
    expect(answer).toMatchObject({ status: 500, json: { error: oom(total - vram) } })
    expect((answer.json as { error: string }).error).toMatch(/failed to allocate/)
    expect(await ps(s)).toEqual([])
    const stream = await chat(s, 'llama3', { options: { num_ctx: 8192 }, stream: true })
    expect(stream).toMatchObject({ status: 500, lines: [{ error: oom(total - vram) }] })
    expect(() => s.load('llama3', { numCtx: 8192 })).toThrow(/out-of-memory during startup/)
  })

  it('never lower a context set by OLLAMA_CONTEXT_LENGTH or the model', async () => {
    const s = await start({ models: ['llama3.1:8b'], contextLengthEnv: 131072, systemMemoryBytes: 8 * GiB })
    expect((await chat(s, 'llama3.1:8b')).status).toBe(500)
    await post(s, '/api/create', { model: 'big', from: 'llama3.1:8b', parameters: { num_ctx: 131072 }, stream: false })
    s.configure({ contextLengthEnv: 0 })
    expect((await chat(s, 'big')).status).toBe(500)
    expect(await ps(s)).toEqual([])
  })

  it('are retried once one tier lower when the context is automatic', async () => {
    // 48 GiB → automatic 262144, clamped to DeepSeek-V2's 163840: 45 GB of KV cache does not fit.
    const s = await start({ models: ['deepseek-v2:16b'], gpuMemoryBytes: 48 * GiB, systemMemoryBytes: 0 })
    await post(s, '/api/create', { model: 'ds-temp', from: 'deepseek-v2:16b', stream: false })
    expect((await chat(s, 'deepseek-v2:16b')).status).toBe(200)
    const [loaded] = await ps(s)
    expect(loaded).toMatchObject({ name: 'deepseek-v2:16b', context_length: 32768 })
    expect(loaded?.size).toBe(loaded?.size_vram)
    // Automatic against automatic never reloads, although the tier (262144) differs from the runner's 32768.
    await chat(s, 'ds-temp')
    expect((await ps(s)).map((m) => [m.name, m.context_length])).toEqual([['deepseek-v2:16b', 32768]])
    // An explicit 32768 matches too; an explicit larger one is never lowered.
    await chat(s, 'ds-temp', { options: { num_ctx: 32768 } })
    expect((await ps(s)).map((m) => m.name)).toEqual(['deepseek-v2:16b'])
    expect((await chat(s, 'ds-temp', { options: { num_ctx: 163840 } })).status).toBe(500)
  })

  it('fail with 500 when the lower tier does not fit either', async () => {
    const s = await start({
      models: [{ name: 'huge', sizeBytes: 30 * GiB, contextLength: 131072 }],
      gpuMemoryBytes: 24 * GiB,
      systemMemoryBytes: 0,
    })
    const answer = await chat(s, 'huge')
    expect(answer.status).toBe(500)
    expect((answer.json as { error: string }).error).toMatch(/^llama-server reported out-of-memory during startup: /)
    expect(await ps(s)).toEqual([])
  })
})

describe('automatic context and reloads', () => {
  it('takes the VRAM tier, clamped to the trained length, or OLLAMA_CONTEXT_LENGTH', async () => {
    const s = await start({ models: ['llama3', 'llama3.1:8b'], gpuMemoryBytes: 24 * GiB })
    await chat(s, 'llama3.1:8b')
    await chat(s, 'llama3')
    expect((await ps(s)).map((m) => [m.name, m.context_length]).sort()).toEqual([
      ['llama3.1:8b', 32768],
      ['llama3:latest', 8192],
    ])
    s.configure({ contextLengthEnv: 2048 })
    expect(await ps(s)).toEqual([])
    await chat(s, 'llama3.1:8b')
    expect((await ps(s))[0]?.context_length).toBe(2048)
    s.configure({ contextLengthEnv: 0, gpuMemoryBytes: 48 * GiB })
    await chat(s, 'llama3.1:8b')
    expect((await ps(s))[0]?.context_length).toBe(131072)
  })

  it('reloads only when an explicit context differs from the runner', async () => {
    const s = await start({ models: ['llama3'] })
    await post(s, '/api/create', { model: 'temp', from: 'llama3', parameters: { num_ctx: 4096 }, stream: false })
    const loader = async () => (await ps(s)).map((m) => `${m.name}@${m.context_length}`)
    await chat(s, 'llama3')
    await chat(s, 'temp')
    await chat(s, 'llama3', { options: { num_ctx: 4096 } })
    expect(await loader()).toEqual(['llama3:latest@4096'])
    await chat(s, 'temp', { options: { num_ctx: 8192 } })
    expect(await loader()).toEqual(['temp:latest@8192'])
    await chat(s, 'llama3')
    expect(await loader()).toEqual(['llama3:latest@4096'])
  })

  it('reloads when the context-shift setting changes', async () => {
    const s = await start({ models: ['llama3'] })
    await post(s, '/api/create', { model: 'temp', from: 'llama3', stream: false })
    await chat(s, 'llama3')
    await chat(s, 'temp', { shift: true })
    expect((await ps(s)).map((m) => m.name)).toEqual(['llama3:latest'])
    await chat(s, 'temp', { shift: false })
    expect((await ps(s)).map((m) => m.name)).toEqual(['temp:latest'])
  })
})
