// Thinking levels and stop sequences as Ollama answers them (see `stop-sequences.ts` and `routes/chat.ts`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { contentOf, post, thinkingOf } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({
    models: ['llama3', 'qwen3:8b', 'gpt-oss:20b', { name: 'stopper', parameters: { stop: ['friend'] } }],
  })
})
afterEach(async () => {
  await sim.close()
})

const user = [{ role: 'user', content: 'hi' }]

describe('think levels', () => {
  it('refuses a level on a model without thinking, as it refuses true (ThinkValue.Bool of a level is true)', async () => {
    expect(await post(sim, '/api/chat', { model: 'llama3', messages: user, think: 'low' })).toMatchObject({
      status: 400,
      json: { error: '"llama3" does not support thinking' },
    })
  })

  it('accepts think:false on a model without thinking and answers without thinking', async () => {
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: user, think: false })
    expect(answer.status).toBe(200)
    expect(thinkingOf(answer.lines)).toBe('')
  })

  it('thinks at a level on a thinking model', async () => {
    expect(
      thinkingOf((await post(sim, '/api/chat', { model: 'qwen3:8b', messages: user, think: 'medium' })).lines),
    ).not.toBe('')
  })

  it('keeps thinking on gpt-oss with think:false (harmony ignores it)', async () => {
    expect(
      thinkingOf((await post(sim, '/api/chat', { model: 'gpt-oss:20b', messages: user, think: false })).lines),
    ).not.toBe('')
    expect(
      thinkingOf((await post(sim, '/api/chat', { model: 'gpt-oss:20b', messages: user, think: 'high' })).lines),
    ).not.toBe('')
  })
})

describe('stop sequences', () => {
  it('cuts the reply before the first stop sequence of the request and ends with done_reason stop', async () => {
    sim.setReply('Hello there, friend. How are you?')
    const answer = await post(sim, '/api/chat', { model: 'llama3', messages: user, options: { stop: ['How', ','] } })
    expect(contentOf(answer.lines)).toBe('Hello there')
    expect(answer.lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' })
  })

  it("uses the model's stop sequences unless the request replaces them", async () => {
    sim.setReply('Hello there, friend. How are you?')
    expect(contentOf((await post(sim, '/api/chat', { model: 'stopper', messages: user })).lines)).toBe('Hello there, ')
    const replaced = await post(sim, '/api/chat', { model: 'stopper', messages: user, options: { stop: ['are'] } })
    expect(contentOf(replaced.lines)).toBe('Hello there, friend. How ')
  })

  it('answers stop of the wrong type with the Go error', async () => {
    expect(await post(sim, '/api/chat', { model: 'llama3', messages: user, options: { stop: 'x' } })).toMatchObject({
      status: 500,
      json: { error: 'option "stop" must be of type array' },
    })
  })
})
