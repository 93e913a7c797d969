import { describe, expect, it } from 'vitest'
import type { OllamaSim } from './index'
import { CHAT_SIM_OPTIONS, contentOf, post, ps, simBeforeEach, user } from './test-helpers'

let sim: OllamaSim
simBeforeEach(CHAT_SIM_OPTIONS, (started) => (sim = started))

describe('load and unload requests', () => {
  it('loads with empty messages and answers done_reason load', async () => {
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: [], options: { num_ctx: 6000 } })
    expect(answer.contentType).toContain('application/json')
    expect(answer.json).toMatchObject({
      model: 'llama3',
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'load',
    })
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['llama3:latest', 6000]])
  })

  it('unloads the shared runner with empty messages and keep_alive 0', async () => {
    await post(sim, '/api/create', { model: 'temp', from: 'llama3', stream: false })
    await post(sim, '/api/chat', { model: 'llama3', messages: [] })
    const answer = await post(sim, '/api/chat', { model: 'temp', messages: [], keep_alive: 0 })
    expect(answer.json).toMatchObject({ model: 'temp', done: true, done_reason: 'unload' })
    expect(await ps(sim)).toEqual([])
  })
})

describe('cloud models', () => {
  it('chat without a runner and ignore num_ctx', async () => {
    sim.setReply('from the cloud')
    const answer = await post(sim, '/api/chat', {
      model: 'gpt-oss:120b-cloud',
      messages: user('x'),
      options: { num_ctx: 'whatever' },
      think: false,
    })
    expect(answer.status).toBe(200)
    expect(contentOf(answer.lines)).toBe('from the cloud')
    expect(answer.lines.at(-1)?.load_duration).toBeUndefined()
    expect(await ps(sim)).toEqual([])
  })
})

describe('POST /api/generate', () => {
  it('streams response tokens and a final line with context', async () => {
    sim.setReply('Generated text here')
    const answer = await post(sim, '/api/generate', { model: 'llama3', prompt: 'go', system: 'sys' })
    const chunks = answer.lines.slice(0, -1)
    expect(chunks.map((l) => l.response).join('')).toBe('Generated text here')
    expect(chunks[0]).toMatchObject({ model: 'llama3', done: false })
    const final = answer.lines.at(-1)
    // 'Genera' 'ted' ' text' ' here': a long word takes a token per six letters.
    expect(final).toMatchObject({ response: '', done: true, done_reason: 'stop', eval_count: 4 })
    expect(Array.isArray(final?.context)).toBe(true)
  })

  it('loads on an empty prompt and unloads with keep_alive 0', async () => {
    expect((await post(sim, '/api/generate', { model: 'llama3' })).json).toMatchObject({
      response: '',
      done: true,
      done_reason: 'load',
    })
    expect(await ps(sim)).toHaveLength(1)
    expect((await post(sim, '/api/generate', { model: 'llama3', keep_alive: 0 })).json).toMatchObject({
      done_reason: 'unload',
    })
    expect(await ps(sim)).toEqual([])
  })

  it("answers an empty model with 404 model '' not found", async () => {
    expect(await post(sim, '/api/generate', { prompt: 'x' })).toMatchObject({
      status: 404,
      json: { error: "model '' not found" },
    })
  })
})
