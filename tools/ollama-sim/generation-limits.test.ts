import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { contentOf, post } from './test-helpers'
import { contentTokens, tokenPieces } from './tokens'

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
    expect((await chat('llama3', { options: { num_predict: 3 } })).json).toMatchObject({
      done_reason: 'length',
      eval_count: 3,
    })
    expect((await chat('llama3', { options: { num_predict: 10 } })).json).toMatchObject({
      done_reason: 'stop',
      eval_count: 10,
    })
  })

  it('is length at the bound of 10 × num_ctx when num_predict is unset or negative', async () => {
    sim.setReply(words(200))
    expect((await chat('llama3', { options: { num_ctx: 16 } })).json).toMatchObject({
      done_reason: 'length',
      eval_count: 160,
    })
    expect((await chat('llama3', { options: { num_ctx: 16, num_predict: -2 } })).json).toMatchObject({
      done_reason: 'length',
      eval_count: 160,
    })
    expect((await chat('llama3', { options: { num_ctx: 16, num_predict: 1000 } })).json).toMatchObject({
      eval_count: 160,
    })
    expect((await chat('llama3', { options: { num_ctx: 32 } })).json).toMatchObject({
      done_reason: 'stop',
      eval_count: 200,
    })
  })

  it('is length when a runner without context shift fills its context', async () => {
    sim.setReply(words(50))
    // deepseek2 runs without context shift: 32 − 1 − 6 prompt tokens (5 template + 'hi') leaves room for 25.
    const capped = await chat('deepseek-v2:16b', { options: { num_ctx: 32 } })
    expect(capped.json).toMatchObject({ done_reason: 'length', eval_count: 25, prompt_eval_count: 6 })
    expect((capped.json as { message: { content: string } }).message.content).toBe(words(25))
    expect((await chat('deepseek-v2:16b', { options: { num_ctx: 32 }, shift: true })).json).toMatchObject({
      done_reason: 'stop',
      eval_count: 50,
    })
  })

  it('streams the reply up to the bound, then a final length line', async () => {
    sim.setReply(words(100))
    // The 6-token prompt needs a context of at least 7; 10 × 7 tokens may follow.
    const answer = await chat('llama3', { options: { num_ctx: 7 }, stream: true })
    expect(contentOf(answer.lines)).toBe(words(70))
    expect(answer.lines.at(-1)).toMatchObject({ done: true, done_reason: 'length', eval_count: 70 })
  })

  it('checks the prompt against the raised runner context when num_ctx is below the minimum of 4', async () => {
    // The runner gets 4; the 6-token prompt leaves llama-server no room.
    const answer = await chat('llama3', { options: { num_ctx: 2 } })
    expect(answer.status).toBe(400)
    expect(JSON.parse((answer.json as { error: string }).error)).toMatchObject({
      error: { n_prompt_tokens: 6, n_ctx: 4 },
    })
  })

  it('only applies num_predict to cloud models', async () => {
    sim.setReply(words(50))
    expect((await chat('gpt-oss:120b-cloud', { options: { num_ctx: 4 } })).json).toMatchObject({
      done_reason: 'stop',
      eval_count: 50,
    })
    expect((await chat('gpt-oss:120b-cloud', { options: { num_predict: 5 } })).json).toMatchObject({
      done_reason: 'length',
      eval_count: 5,
    })
  })
})

describe('eval_count', () => {
  const streamed = (lines: Record<string, unknown>[]) =>
    lines.filter((l) => l.done === false).map((l) => (l.message as { content: string }).content)

  it("is the number of streamed chunks, which are the tokenizer's pieces of the reply", async () => {
    sim.setReply('Photosynthesis: light → sugar, mostly.')
    const answer = await chat('llama3', { stream: true })
    expect(streamed(answer.lines)).toEqual(tokenPieces('Photosynthesis: light → sugar, mostly.'))
    expect(streamed(answer.lines)).toEqual([
      'Photos',
      'ynthes',
      'is',
      ':',
      ' light',
      ' →',
      ' sugar',
      ',',
      ' mostly',
      '.',
    ])
    expect(answer.lines.at(-1)).toMatchObject({ done: true, eval_count: 10 })
    // num_predict counts the same pieces.
    expect(streamed((await chat('llama3', { stream: true, options: { num_predict: 4 } })).lines)).toEqual([
      'Photos',
      'ynthes',
      'is',
      ':',
    ])
  })

  it('counts a reply as the next prompt counts it when the reply comes back as history', async () => {
    const first = (await chat('llama3', { messages: [{ role: 'user', content: 'Explain a table of code and math' }] }))
      .json as {
      message: { content: string }
      eval_count: number
      prompt_eval_count: number
    }
    expect(first.eval_count).toBe(contentTokens(first.message.content))
    expect(first.eval_count).toBeGreaterThan(50)
    const history = [
      { role: 'user', content: 'Explain a table of code and math' },
      { role: 'assistant', content: first.message.content },
      { role: 'user', content: 'more' },
    ]
    const second = (await chat('llama3', { messages: history })).json as { prompt_eval_count: number }
    // The first prompt, then the reply and 'more' with 5 template tokens each.
    expect(second.prompt_eval_count).toBe(first.prompt_eval_count + 5 + first.eval_count + 5 + 1)
  })
})
