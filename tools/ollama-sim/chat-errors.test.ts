import { describe, expect, it } from 'vitest'
import type { OllamaSim } from './index'
import { CHAT_SIM_OPTIONS, post, ps, simBeforeEach, user } from './test-helpers'

let sim: OllamaSim
simBeforeEach(CHAT_SIM_OPTIONS, (started) => (sim = started))

describe('errors', () => {
  it('answers an unknown model with 404 and the name as sent, before any line', async () => {
    expect(await post(sim, '/api/chat', { model: ' Nope ', messages: user('x') })).toMatchObject({
      status: 404,
      json: { error: "model ' Nope ' not found" },
    })
  })

  it('requires a valid model name', async () => {
    expect(await post(sim, '/api/chat', { messages: user('x') })).toMatchObject({
      status: 400,
      json: { error: 'model is required' },
    })
    expect(await post(sim, '/api/chat', { model: 'a/b/c/d', messages: user('x') })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
  })

  it('answers a stored non-integer num_ctx with 500 on every chat', async () => {
    const expected = { status: 500, json: { error: 'option "num_ctx" must be of type integer' } }
    expect(await post(sim, '/api/chat', { model: 'broken', messages: user('x') })).toMatchObject(expected)
    expect(await post(sim, '/api/chat', { model: 'broken', messages: [] })).toMatchObject(expected)
    expect(
      await post(sim, '/api/chat', { model: 'llama3', messages: user('x'), options: { num_ctx: '8192' } }),
    ).toMatchObject(expected)
    expect(
      await post(sim, '/api/chat', { model: 'llama3', messages: user('x'), options: { stop: 'x' } }),
    ).toMatchObject({
      status: 500,
      json: { error: 'option "stop" must be of type array' },
    })
    expect(await ps(sim)).toEqual([])
  })

  it('checks top_logprobs', async () => {
    expect(await post(sim, '/api/chat', { model: 'llama3', messages: user('x'), top_logprobs: 21 })).toMatchObject({
      status: 400,
      json: { error: 'top_logprobs must be between 0 and 20' },
    })
  })
})
