import { Ollama } from 'ollama'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { call, post, ps, tags } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3', 'user/thing:1b'], registry: ['llama3', 'gemma3:4b'] })
})
afterEach(async () => {
  await sim.close()
})

const del = (body: unknown) => call(sim, 'DELETE', '/api/delete', body)

describe('DELETE /api/delete', () => {
  it('answers 200 with an empty body and removes the model', async () => {
    const answer = await del({ model: 'LLAMA3' })
    expect(answer).toMatchObject({ status: 200, text: '' })
    expect(sim.hasModel('llama3')).toBe(false)
  })

  it('answers 404 with the name exactly as sent', async () => {
    expect(await del({ model: 'Nope:1B' })).toMatchObject({ status: 404, json: { error: "model 'Nope:1B' not found" } })
  })

  it('accepts the legacy name field; model wins when both are set', async () => {
    expect((await del({ name: 'user/thing:1b' })).status).toBe(200)
    expect(sim.hasModel('user/thing:1b')).toBe(false)
    expect(await del({ model: 'missing', name: 'llama3' })).toMatchObject({ status: 404 })
    expect(sim.hasModel('llama3')).toBe(true)
  })

  it('rejects empty and invalid names', async () => {
    expect(await del({})).toMatchObject({ status: 400, json: { error: 'model is required' } })
    expect(await del({ model: 'a/b/c/d' })).toMatchObject({ status: 400, json: { error: 'name "a/b/c/d" is invalid' } })
  })

  it('does not unload a loaded runner', async () => {
    await post(sim, '/api/chat', { model: 'llama3', messages: [] })
    expect((await ps(sim)).map((m) => m.name)).toEqual(['llama3:latest'])
    await del({ model: 'llama3' })
    expect((await ps(sim)).map((m) => m.name)).toEqual(['llama3:latest'])
    const unload = await post(sim, '/api/chat', { model: 'llama3', messages: [], keep_alive: 0 })
    expect(unload.status).toBe(404)
  })

  it('works through ollama-js (which sends name)', async () => {
    const client = new Ollama({ host: sim.url })
    expect(await client.delete({ model: 'llama3' })).toEqual({ status: 'success' })
    expect(sim.requestsTo('/api/delete')[0]?.body).toEqual({ name: 'llama3' })
  })
})

describe('POST /api/copy', () => {
  it('copies the manifest: same digest, same parent, 200 empty body', async () => {
    await post(sim, '/api/create', { model: 'derived', from: 'llama3', parameters: { num_ctx: 2048 }, stream: false })
    const answer = await post(sim, '/api/copy', { source: 'derived', destination: 'copy:v1' })
    expect(answer).toMatchObject({ status: 200, text: '' })
    const models = await tags(sim)
    const source = models.find((m) => m.name === 'derived:latest')
    const copy = models.find((m) => m.name === 'copy:v1')
    expect(copy?.digest).toBe(source?.digest)
    expect(copy?.details.parent_model).toBe('llama3:latest')
  })

  it('answers 404 and 400 with Go-quoted names', async () => {
    expect(await post(sim, '/api/copy', { source: 'nope', destination: 'x' })).toMatchObject({
      status: 404,
      json: { error: 'model "nope" not found' },
    })
    expect(await post(sim, '/api/copy', { source: ' llama3', destination: 'x' })).toMatchObject({
      status: 400,
      json: { error: 'source " llama3" is invalid' },
    })
    expect(await post(sim, '/api/copy', { source: 'llama3', destination: 'a b' })).toMatchObject({
      status: 400,
      json: { error: 'destination "a b" is invalid' },
    })
  })
})
