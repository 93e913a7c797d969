import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { corruptBase64Offset } from './images'
import { startOllamaSim } from './index'
import type { OllamaSim, SimChatRequest } from './index'
import { post } from './test-helpers'

let sim: OllamaSim
let seen: SimChatRequest[]

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3', 'gemma3:4b'] })
  seen = []
  sim.setReply((request) => {
    seen.push(request)
    return 'Fine.'
  })
})
afterEach(async () => {
  await sim.close()
})

// A 1×1 transparent PNG as base64, the way a chat request carries it (the simulator imports nothing from src-main).
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const chat = (model: string, images?: unknown) =>
  post(sim, '/api/chat', {
    model,
    stream: false,
    messages: [{ role: 'user', content: 'What is this?', ...(images === undefined ? {} : { images }) }],
  })
const promptTokens = async (model: string, images?: unknown) =>
  ((await chat(model, images)).json as { prompt_eval_count: number }).prompt_eval_count

describe('images on /api/chat', () => {
  it('counts 768 tokens per image for a model with vision (server/prompt.go chatPrompt) and hands them to the model', async () => {
    const without = await promptTokens('gemma3:4b')
    expect(await promptTokens('gemma3:4b', [PNG])).toBe(without + 768)
    expect(await promptTokens('gemma3:4b', [PNG, PNG])).toBe(without + 2 * 768)
    expect(seen.at(-1)?.messages).toEqual([{ role: 'user', content: 'What is this?', images: [PNG, PNG] }])
  })

  it('does not refuse images for a model without vision (ChatHandler never asks for it) and counts none', async () => {
    const without = await promptTokens('llama3')
    const answer = await chat('llama3', [PNG])
    expect(answer.status).toBe(200)
    expect((answer.json as { prompt_eval_count: number }).prompt_eval_count).toBe(without)
    expect(seen.at(-1)?.messages).toEqual([{ role: 'user', content: 'What is this?' }])
  })

  it('refuses what Go cannot decode into []api.ImageData, with its messages', async () => {
    expect((await chat('gemma3:4b', ['not base64!'])).json).toEqual({ error: 'illegal base64 data at input byte 3' })
    expect((await chat('gemma3:4b', [42])).json).toEqual({
      error: 'json: cannot unmarshal number into Go struct field Message.messages.images of type api.ImageData',
    })
    expect((await chat('gemma3:4b', 'abc')).status).toBe(400)
  })
})

describe('corruptBase64Offset (Go base64.StdEncoding)', () => {
  it('accepts padded base64 and line breaks, and finds where it stops otherwise', () => {
    expect(corruptBase64Offset('YWJj')).toBeUndefined()
    expect(corruptBase64Offset('YWI=')).toBeUndefined()
    expect(corruptBase64Offset('YW\nJj')).toBeUndefined()
    expect(corruptBase64Offset('YWJ')).toBe(0)
    expect(corruptBase64Offset('YWJjYWJ')).toBe(4)
    expect(corruptBase64Offset('YW=j')).toBe(3)
  })
})
