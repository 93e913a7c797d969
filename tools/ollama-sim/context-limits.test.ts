import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim, SimChatRequest } from './index'
import { PROMPT_TOO_LONG } from './prompt-plan'
import { post, ps } from './test-helpers'

let sim: OllamaSim
let seen: SimChatRequest[]

beforeEach(async () => {
  seen = []
  sim = await startOllamaSim({
    models: ['llama3', 'gpt-oss:20b', 'deepseek-v2:16b', { name: 'rendered-llama', chatPath: 'rendered' }],
    reply: (request) => {
      seen.push(request)
      return 'ok'
    },
  })
  await post(sim, '/api/create', { model: 'pirate', from: 'llama3', system: 'You are a pirate.', stream: false })
})
afterEach(async () => {
  await sim.close()
})

const text = (chars: number, fill = 'x') => fill.repeat(chars)
// A system prompt of 7 tokens (5 template + 'be' ' brief'), then five turns of 19 tokens each (5 template + 80
// letters in pieces of 6 = 14): 102 tokens in all — where 4 characters a token, 4 a message would say 126.
const history = [
  { role: 'system', content: 'be brief' },
  { role: 'user', content: text(80, 'a') },
  { role: 'assistant', content: text(80, 'b') },
  { role: 'user', content: text(80, 'c') },
  { role: 'assistant', content: text(80, 'd') },
  { role: 'user', content: text(80, 'e') },
]
const chat = (model: string, messages: unknown[], extra: Record<string, unknown> = {}) =>
  post(sim, '/api/chat', { model, messages, stream: false, think: false, ...extra })
const firstChars = (request: SimChatRequest | undefined) =>
  request?.messages.map((m) => `${m.role}:${m.content[0] ?? ''}`)

describe('history truncation (truncate, default true)', () => {
  it('drops the oldest turns, keeps the system prompt and the last message, and counts only the kept prompt', async () => {
    const answer = await chat('llama3', history, { options: { num_ctx: 60 } })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 45 })
    expect(JSON.stringify(answer.json)).not.toMatch(/trunc|dropped/i)
    expect(firstChars(seen[0])).toEqual(['system:b', 'assistant:d', 'user:e'])
  })

  it('keeps everything that fits', async () => {
    expect((await chat('llama3', history, { options: { num_ctx: 103 } })).json).toMatchObject({
      prompt_eval_count: 102,
    })
    expect(seen[0]?.messages).toEqual(history)
  })

  it('lets a prompt of exactly num_ctx tokens through truncation, which llama-server then refuses (n_prompt ≥ n_ctx)', async () => {
    const answer = await chat('llama3', history, { options: { num_ctx: 102 } })
    expect(answer.status).toBe(400)
    expect(JSON.parse((answer.json as { error: string }).error)).toMatchObject({
      error: { n_prompt_tokens: 102, n_ctx: 102 },
    })
  })

  it('prepends the model system prompt before truncating, unless the request starts with a system message', async () => {
    // 'You' ' are' ' a' ' pirate' '.': 10 tokens with its template.
    expect((await chat('pirate', history.slice(1), { options: { num_ctx: 60 } })).json).toMatchObject({
      prompt_eval_count: 48,
    })
    expect(seen[0]?.messages[0]).toEqual({ role: 'system', content: 'You are a pirate.' })
    expect(firstChars(seen[0])).toEqual(['system:Y', 'assistant:d', 'user:e'])
    await chat('pirate', history, { options: { num_ctx: 200 } })
    expect(seen[1]?.messages).toEqual(history)
  })

  it('truncates against the runner context, which the model parameters set too', async () => {
    await post(sim, '/api/create', { model: 'small', from: 'llama3', parameters: { num_ctx: 60 }, stream: false })
    expect((await chat('small', history)).json).toMatchObject({ prompt_eval_count: 45 })
    expect((await ps(sim))[0]?.context_length).toBe(60)
  })

  it('uses the same rule on the rendered path', async () => {
    expect((await chat('gpt-oss:20b', history, { options: { num_ctx: 60 } })).json).toMatchObject({
      prompt_eval_count: 45,
    })
    expect(firstChars(seen[0])).toEqual(['system:b', 'assistant:d', 'user:e'])
  })
})

describe('native path: the last message alone does not fit', () => {
  const tooLong = [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: text(400) },
  ]
  // 7 + 5 + 67 (400 letters in pieces of 6) tokens.
  const llamaServerError =
    '{"error":{"code":400,"message":"request (79 tokens) exceeds the available context size (64 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":79,"n_ctx":64}}'

  it("relays llama-server's exceed_context_size_error as the error string, with the runner loaded", async () => {
    const answer = await chat('llama3', tooLong, { options: { num_ctx: 64 } })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ error: llamaServerError })
    expect((await ps(sim)).map((m) => [m.name, m.context_length])).toEqual([['llama3:latest', 64]])
    expect(seen).toEqual([])
  })

  it('answers a stream with the 400 status before any line', async () => {
    const answer = await chat('llama3', tooLong, { options: { num_ctx: 64 }, stream: true })
    expect(answer.status).toBe(400)
    expect(answer.contentType).toContain('application/json')
    expect(answer.json).toEqual({ error: llamaServerError })
  })

  it('sends the whole history to llama-server with truncate:false', async () => {
    const answer = await chat('llama3', history, { options: { num_ctx: 64 }, truncate: false })
    expect(answer.status).toBe(400)
    expect(JSON.parse((answer.json as { error: string }).error)).toMatchObject({
      error: { n_prompt_tokens: 102, n_ctx: 64 },
    })
  })

  it('is refused by llama-server even for deepseek2 with context shift on', async () => {
    const answer = await chat('deepseek-v2:16b', tooLong, { options: { num_ctx: 64 }, shift: true })
    expect(answer.status).toBe(400)
    expect((answer.json as { error: string }).error).toContain('exceed_context_size_error')
  })
})

describe('rendered path: the last message alone does not fit', () => {
  // 10 + 5 + 71 tokens: 40 pieces of a's, the '.', 30 pieces of b's.
  const tooLong = [
    { role: 'system', content: 'You are a pirate.' },
    { role: 'user', content: `${text(240, 'a')}.${text(180, 'b')}` },
  ]

  it('keeps num_keep tokens and the tail silently with context shift on (gpt-oss: no BOS)', async () => {
    const answer = await chat('gpt-oss:20b', tooLong, { options: { num_ctx: 64 } })
    expect(answer.status).toBe(200)
    // num_keep 4 (api.DefaultOptions): 64 - (64 - 4) / 2 = 34 tokens.
    expect(answer.json).toMatchObject({ done_reason: 'stop', prompt_eval_count: 34 })
    // The last 30 tokens are the b's; the system prompt and the start of the message are gone.
    expect(seen[0]?.messages).toEqual([{ role: 'user', content: text(180, 'b') }])
  })

  it('keeps one more token for BOS and honours num_keep from the options', async () => {
    expect((await chat('rendered-llama', tooLong, { options: { num_ctx: 64 } })).json).toMatchObject({
      prompt_eval_count: 35,
    })
    expect((await chat('rendered-llama', tooLong, { options: { num_ctx: 64, num_keep: 24 } })).json).toMatchObject({
      prompt_eval_count: 45,
    })
  })

  it('answers 400 with context shift off, after loading the runner without it', async () => {
    const answer = await chat('gpt-oss:20b', tooLong, { options: { num_ctx: 64 }, shift: false })
    expect(answer).toMatchObject({ status: 400, json: { error: PROMPT_TOO_LONG } })
    expect(await ps(sim)).toHaveLength(1)
    expect(
      (await chat('gpt-oss:20b', [{ role: 'user', content: 'hi' }], { options: { num_ctx: 64 }, shift: false })).status,
    ).toBe(200)
  })

  it('passes an over-long prompt to llama-server with truncate:false', async () => {
    const answer = await chat('gpt-oss:20b', tooLong, { options: { num_ctx: 64 }, truncate: false })
    expect(answer.status).toBe(400)
    expect(JSON.parse((answer.json as { error: string }).error)).toMatchObject({
      error: { n_prompt_tokens: 86, n_ctx: 64 },
    })
  })
})

describe('/api/generate (always a completion prompt)', () => {
  const generate = (model: string, extra: Record<string, unknown>) =>
    post(sim, '/api/generate', {
      model,
      prompt: text(400),
      stream: false,
      think: false,
      options: { num_ctx: 64 },
      ...extra,
    })

  it('refuses an over-long prompt for deepseek2, whose runner has no context shift', async () => {
    expect(await generate('deepseek-v2:16b', {})).toMatchObject({ status: 400, json: { error: PROMPT_TOO_LONG } })
  })

  it('cuts it when the request turns shift on (deepseek2 adds BOS: num_keep 4 + 1)', async () => {
    const answer = await generate('deepseek-v2:16b', { shift: true })
    expect(answer.json).toMatchObject({ done: true, prompt_eval_count: 35 })
    expect((answer.json as { context: number[] }).context).toHaveLength(35 + 1)
  })

  it('cuts it for a native-template model too, and counts the fitting prompt with its system message', async () => {
    // llama3's own num_keep 24, + BOS: 64 - (64 - 25) / 2 = 45 tokens.
    expect((await generate('llama3', {})).json).toMatchObject({ prompt_eval_count: 45 })
    const fits = await post(sim, '/api/generate', { model: 'pirate', prompt: 'hi', stream: false })
    // The model's system prompt (10 tokens) + the prompt (6) + BOS.
    expect(fits.json).toMatchObject({ prompt_eval_count: 17 })
    expect(seen.at(-1)?.messages).toEqual([
      { role: 'system', content: 'You are a pirate.' },
      { role: 'user', content: 'hi' },
    ])
  })
})
