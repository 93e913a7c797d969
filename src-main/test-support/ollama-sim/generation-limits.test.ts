import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { contentOf, post } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3', 'deepseek-v2:16b', 'gpt-oss:120b-cloud'] })
})
afterEach(async () => {
  await sim.close()
})

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')
const chat = (model: string, extra: Record<string, unknown>) =>
  post(sim, '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false, think: false, ...extra })

describe('done_reason', () => {
  it('is length at num_predict and stop when the reply ends first', async () => {
    sim.setReply(words(10))
    expect((await chat('llama3', { options: { num_predict: 3 } })).json).toMatchObject({ done_reason: 'length', eval_count: 3 })
    expect((await chat('llama3', { options: { num_predict: 10 } })).json).toMatchObject({ done_reason: 'stop', eval_count: 10 })
  })

  it('is length at the bound of 10 × num_ctx when num_predict is unset or negative', async () => {
    sim.setReply(words(200))
    expect((await chat('llama3', { options: { num_ctx: 16 } })).json).toMatchObject({ done_reason: 'length', eval_count: 160 })
    expect((await chat('llama3', { options: { num_ctx: 16, num_predict: -2 } })).json).toMatchObject({ done_reason: 'length', eval_count: 160 })
    expect((await chat('llama3', { options: { num_ctx: 16, num_predict: 1000 } })).json).toMatchObject({ eval_count: 160 })
    expect((await chat('llama3', { options: { num_ctx: 32 } })).json).toMatchObject({ done_reason: 'stop', eval_count: 200 })
  })

  it('is length when a runner without context shift fills its context', async () => {
    sim.setReply(words(50))
    // deepseek2 runs without context shift: 32 − 1 − 5 prompt tokens leaves room for 26.
    const capped = await chat('deepseek-v2:16b', { options: { num_ctx: 32 } })
    expect(capped.json).toMatchObject({ done_reason: 'length', eval_count: 26, prompt_eval_count: 5 })
    expect((capped.json as { message: { content: string } }).message.content).toBe(words(26))
    expect((await chat('deepseek-v2:16b', { options: { num_ctx: 32 }, shift: true })).json).toMatchObject({ done_reason: 'stop', eval_count: 50 })
  })

  it('streams the reply up to the bound, then a final length line', async () => {
    sim.setReply(words(100))
    const answer = await chat('llama3', { options: { num_ctx: 6 }, stream: true })
    expect(contentOf(answer.lines)).toBe(words(60))
    expect(answer.lines.at(-1)).toMatchObject({ done: true, done_reason: 'length', eval_count: 60 })
  })

  it('checks the prompt against the raised runner context when num_ctx is below the minimum of 4', async () => {
    // The runner gets 4; the 5-token prompt leaves llama-server no room.
    const answer = await chat('llama3', { options: { num_ctx: 2 } })
    expect(answer.status).toBe(400)
    expect(JSON.parse((answer.json as { error: string }).error)).toMatchObject({ error: { n_prompt_tokens: 5, n_ctx: 4 } })
  })

  it('only applies num_predict to cloud models', async () => {
    sim.setReply(words(50))
    expect((await chat('gpt-oss:120b-cloud', { options: { num_ctx: 4 } })).json).toMatchObject({ done_reason: 'stop', eval_count: 50 })
    expect((await chat('gpt-oss:120b-cloud', { options: { num_predict: 5 } })).json).toMatchObject({ done_reason: 'length', eval_count: 5 })
  })
})
