import { Ollama } from 'ollama'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { call, fakeClock, post } from './test-helpers'

let sim: OllamaSim
const clock = fakeClock()

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'], now: clock.now })
})
afterEach(async () => {
  await sim.close()
})

describe('conventions', () => {
  it('listens on an ephemeral port of 127.0.0.1', () => {
    expect(sim.port).toBeGreaterThan(0)
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
  })

  it('answers GET / and HEAD / with Ollama is running', async () => {
    const get = await call(sim, 'GET', '/')
    expect(get).toMatchObject({ status: 200, text: 'Ollama is running' })
    expect(get.contentType).toContain('text/plain')
    const head = await call(sim, 'HEAD', '/')
    expect(head).toMatchObject({ status: 200, text: '' })
  })

  it('reports the version on GET and HEAD, configurable', async () => {
    expect((await call(sim, 'GET', '/api/version')).json).toEqual({ version: '0.32.15' })
    expect((await call(sim, 'HEAD', '/api/version')).status).toBe(200)
    expect(await call(sim, 'HEAD', '/api/tags')).toMatchObject({ status: 200, text: '' })
    const other = await startOllamaSim({ version: '0.33.0-rc2' })
    try {
      expect((await call(other, 'GET', '/api/version')).json).toEqual({ version: '0.33.0-rc2' })
    } finally {
      await other.close()
    }
  })

  it('answers a wrong method on a known route with 405 and an unknown route with 404 text', async () => {
    expect((await call(sim, 'GET', '/api/chat')).status).toBe(405)
    expect((await call(sim, 'POST', '/api/tags')).status).toBe(405)
    expect((await call(sim, 'HEAD', '/api/ps')).status).toBe(405)
    expect((await call(sim, 'POST', '/api/delete', { model: 'llama3' })).status).toBe(405)
    const missing = await call(sim, 'GET', '/api/nope')
    expect(missing).toMatchObject({ status: 404, text: '404 page not found' })
  })

  it.each(['/api/show', '/api/create', '/api/pull', '/api/copy', '/api/chat', '/api/generate'])(
    'answers an empty body on %s with 400 missing request body',
    async (path) => {
      const answer = await post(sim, path)
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ error: 'missing request body' })
    },
  )

  it('answers an empty DELETE body with 400 missing request body', async () => {
    expect((await call(sim, 'DELETE', '/api/delete')).json).toEqual({ error: 'missing request body' })
  })

  it('answers a JSON type mismatch with Go-style 400', async () => {
    const answer = await post(sim, '/api/create', { model: 'x', from: 'llama3', stream: 'no' })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      error: 'json: cannot unmarshal string into Go struct field CreateRequest.stream of type bool',
    })
    const chat = await post(sim, '/api/chat', { model: 'llama3', messages: [{ role: 'user', content: 1 }] })
    expect(chat.json).toEqual({
      error: 'json: cannot unmarshal number into Go struct field Message.messages.content of type string',
    })
  })

  it('answers CORS: allowed origins echoed, preflight 204, other origins 403', async () => {
    const allowed = await fetch(`${sim.url}/api/version`, { headers: { origin: 'http://localhost:5173' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const preflight = await fetch(`${sim.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'app://ollmchat', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    const denied = await fetch(`${sim.url}/api/version`, { headers: { origin: 'https://evil.example' } })
    expect(denied.status).toBe(403)
  })
})

describe('request recording', () => {
  it('records method, path, parsed body and the clock time of every request, in order', async () => {
    await call(sim, 'GET', '/api/tags?x=1')
    clock.advance(1000)
    await post(sim, '/api/show', { model: 'llama3' })
    await post(sim, '/api/show', 'not json{')
    expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/api/tags'],
      ['POST', '/api/show'],
      ['POST', '/api/show'],
    ])
    expect(sim.requests[0]?.body).toBeUndefined()
    expect(sim.requests[1]?.body).toEqual({ model: 'llama3' })
    expect(sim.requests[2]?.body).toBe('not json{')
    expect((sim.requests[1]?.at ?? 0) - (sim.requests[0]?.at ?? 0)).toBe(1000)
  })

  it('filters by path and method and can be cleared', async () => {
    await post(sim, '/api/show', { model: 'llama3' })
    await call(sim, 'GET', '/api/show')
    expect(sim.requestsTo('/api/show')).toHaveLength(2)
    expect(sim.requestsTo('/api/show', 'post')).toHaveLength(1)
    const kept = sim.requests
    sim.clearRequests()
    expect(kept).toHaveLength(0)
    expect(sim.requestsTo('/api/show')).toEqual([])
  })
})

describe('ollama-js compatibility', () => {
  it('reads version and list through the official client', async () => {
    const client = new Ollama({ host: sim.url })
    expect(await client.version()).toEqual({ version: '0.32.15' })
    const list = await client.list()
    expect(list.models.map((m) => m.name)).toEqual(['llama3:latest'])
  })

  it('surfaces HTTP errors as ResponseError with status_code', async () => {
    const client = new Ollama({ host: sim.url })
    const error = await client.show({ model: 'missing' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ResponseError', status_code: 404, error: "model 'missing:latest' not found" })
  })
})

describe('close', () => {
  it('refuses connections after close and tolerates a second close', async () => {
    const url = sim.url
    await sim.close()
    await sim.close()
    const error = await fetch(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
  })
})
