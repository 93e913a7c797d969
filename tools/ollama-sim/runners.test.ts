import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { fakeClock, post, ps } from './test-helpers'

let sim: OllamaSim
let clock: ReturnType<typeof fakeClock>

const chat = (model: string, extra: Record<string, unknown> = {}) =>
  post(sim, '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false, ...extra })

beforeEach(async () => {
  clock = fakeClock()
  sim = await startOllamaSim({
    now: clock.now,
    models: [
      { name: 'llama3', contextLength: 8192 },
      { name: 'mlx-model', format: 'safetensors', contextLength: 32768 },
      { name: 'vision', capabilities: ['completion', 'vision'], contextLength: 131072 },
      'gpt-oss:120b-cloud',
    ],
  })
  await post(sim, '/api/create', {
    model: 'ollmchat-temp/llama3:ctx8192',
    from: 'llama3',
    parameters: { num_ctx: 8192 },
    stream: false,
  })
  await post(sim, '/api/create', {
    model: 'ollmchat-temp/llama3:ctx2048',
    from: 'llama3',
    parameters: { num_ctx: 2048 },
    stream: false,
  })
})
afterEach(async () => {
  await sim.close()
})

describe('GET /api/ps', () => {
  it('is empty before any request', async () => {
    expect(await ps(sim)).toEqual([])
  })

  it('lists a runner with every field, named after its loader, default context 4096', async () => {
    await chat('LLAMA3')
    const [entry, ...rest] = await ps(sim)
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      name: 'llama3:latest',
      model: 'llama3:latest',
      digest: sim.getModel('llama3')?.digest,
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '8.0B',
        quantization_level: 'Q4_0',
      },
      context_length: 4096,
    })
    expect(entry?.size).toBeGreaterThan(sim.getModel('llama3')?.sizeBytes ?? 0)
    expect(entry?.size_vram).toBe(entry?.size)
    expect(Date.parse(entry?.expires_at ?? '')).toBe(clock.now() + 5 * 60_000)
  })

  it('shares one runner between a base and its derived models (GGUF), reloading when num_ctx differs', async () => {
    await chat('ollmchat-temp/llama3:ctx8192')
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['ollmchat-temp/llama3:ctx8192', 8192]])
    await chat('llama3', { options: { num_ctx: 8192 } })
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['ollmchat-temp/llama3:ctx8192', 8192]])
    await chat('ollmchat-temp/llama3:ctx2048')
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['ollmchat-temp/llama3:ctx2048', 2048]])
    await chat('llama3')
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['llama3:latest', 4096]])
  })

  it('applies precedence options.num_ctx > model num_ctx > default and clamps to [4, trained]', async () => {
    await chat('ollmchat-temp/llama3:ctx2048', { options: { num_ctx: 3000 } })
    expect((await ps(sim))[0]?.context_length).toBe(3000)
    await chat('llama3', { options: { num_ctx: 100000 } })
    expect((await ps(sim))[0]?.context_length).toBe(8192)
    await chat('llama3', { options: { num_ctx: 0 } })
    expect((await ps(sim))[0]?.context_length).toBe(4)
    await chat('llama3', { options: { num_ctx: 4096.7 } })
    expect((await ps(sim))[0]?.context_length).toBe(4096)
  })

  it('raises vision models to at least 2048', async () => {
    await chat('vision', { options: { num_ctx: 512 } })
    expect((await ps(sim))[0]?.context_length).toBe(2048)
  })

  it('gives safetensors models their own runner per manifest that never reloads on num_ctx', async () => {
    await post(sim, '/api/create', {
      model: 'mlx-temp',
      from: 'mlx-model',
      parameters: { num_ctx: 16384 },
      stream: false,
    })
    await chat('mlx-model')
    await chat('mlx-model', { options: { num_ctx: 8192 } })
    await chat('mlx-temp')
    const entries = (await ps(sim)).map((m) => [m.name, m.context_length])
    expect(entries).toEqual(
      expect.arrayContaining([
        ['mlx-model:latest', 4096],
        ['mlx-temp:latest', 16384],
      ]),
    )
    expect(entries).toHaveLength(2)
  })

  it('never lists cloud models', async () => {
    expect((await chat('gpt-oss:120b-cloud', { options: { num_ctx: 99 } })).status).toBe(200)
    expect(await ps(sim)).toEqual([])
  })

  it('sorts by expires_at, latest first', async () => {
    await chat('llama3', { keep_alive: '1m' })
    await chat('mlx-model', { keep_alive: '10m' })
    await chat('vision', { keep_alive: 120 })
    expect((await ps(sim)).map((m) => m.name)).toEqual(['mlx-model:latest', 'vision:latest', 'llama3:latest'])
  })
})

describe('keep-alive', () => {
  it('expires a runner keep_alive after its last request finished', async () => {
    await chat('llama3')
    clock.advance(5 * 60_000 - 1)
    expect(await ps(sim)).toHaveLength(1)
    clock.advance(1)
    expect(await ps(sim)).toEqual([])
  })

  it('reads numbers as seconds and Go durations as strings', async () => {
    await chat('llama3', { keep_alive: 30 })
    clock.advance(29_999)
    expect(await ps(sim)).toHaveLength(1)
    clock.advance(1)
    expect(await ps(sim)).toHaveLength(0)
    await chat('llama3', { keep_alive: '1h30m' })
    clock.advance(90 * 60_000 - 1)
    expect(await ps(sim)).toHaveLength(1)
  })

  it('keeps a runner forever with a negative keep_alive (expires_at ~292 years ahead)', async () => {
    await chat('llama3', { keep_alive: -1 })
    clock.advance(100 * 365 * 24 * 3600_000)
    const [entry] = await ps(sim)
    expect(Number(entry?.expires_at.slice(0, 4))).toBeGreaterThanOrEqual(2318)
  })

  it('unloads right after the request with keep_alive 0', async () => {
    await chat('llama3', { keep_alive: 0 })
    expect(await ps(sim)).toEqual([])
  })

  it('keeps the last keep_alive a request set when later requests omit it', async () => {
    await chat('llama3', { keep_alive: '1m' })
    await chat('llama3')
    clock.advance(60_000)
    expect(await ps(sim)).toEqual([])
  })

  it('honours the keepAliveMs option as the default', async () => {
    const other = await startOllamaSim({ now: clock.now, keepAliveMs: 1000, models: ['llama3'] })
    try {
      await post(other, '/api/chat', { model: 'llama3', messages: [], stream: false })
      expect(await ps(other)).toHaveLength(1)
      clock.advance(1000)
      expect(await ps(other)).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('rejects the string "-1" with a Go duration error', async () => {
    expect(await chat('llama3', { keep_alive: '-1' })).toMatchObject({
      status: 400,
      json: { error: 'time: missing unit in duration "-1"' },
    })
  })
})

describe('load / loaded / unloadAll', () => {
  it('loads as a request would, with its own keep-alive', async () => {
    sim.load('ollmchat-temp/llama3:ctx8192', { keepAliveMs: 10_000 })
    expect(sim.loaded()).toEqual([
      { name: 'ollmchat-temp/llama3:ctx8192', contextLength: 8192, expiresAt: (await ps(sim))[0]?.expires_at },
    ])
    sim.load('llama3', { numCtx: 8192 })
    expect(sim.loaded().map((r) => r.name)).toEqual(['ollmchat-temp/llama3:ctx8192'])
    clock.advance(10_000)
    expect(sim.loaded()).toEqual([])
  })

  it('unloads everything', async () => {
    sim.load('llama3')
    sim.load('mlx-model')
    expect(sim.loaded()).toHaveLength(2)
    sim.unloadAll()
    expect(await ps(sim)).toEqual([])
    expect(() => sim.load('missing')).toThrow()
  })
})
