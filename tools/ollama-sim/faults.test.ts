import { Ollama } from 'ollama'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { call, contentOf, post, tags } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'], reply: 'one two three four five' })
})
afterEach(async () => {
  await sim.close()
})

const chat = (extra: Record<string, unknown> = {}) =>
  post(sim, '/api/chat', { model: 'llama3', messages: [{ role: 'user', content: 'hi' }], ...extra })

describe('down / up', () => {
  it('refuses connections while down and serves the same state on the same port after up', async () => {
    await post(sim, '/api/create', { model: 'kept', from: 'llama3', stream: false })
    await sim.faults.down()
    const error = await fetch(`${sim.url}/api/tags`).catch((e: unknown) => e)
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
    await sim.faults.down()
    await sim.faults.up()
    await sim.faults.up()
    expect((await tags(sim)).map((m) => m.name)).toContain('kept:latest')
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
  })

  it('drops an in-flight stream when going down', async () => {
    const slow = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 20, reply: 'a '.repeat(200) })
    try {
      const response = await fetch(`${slow.url}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'x' }] }),
      })
      const reading = response.text().catch((e: unknown) => e)
      await slow.faults.down()
      expect(await reading).toBeInstanceOf(Error)
    } finally {
      await slow.close()
    }
  })
})

describe('latency', () => {
  it('delays every response by at least the given time', async () => {
    sim.faults.latency(150)
    const started = Date.now()
    expect((await call(sim, 'GET', '/api/version')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })
})

describe('failNext', () => {
  it('answers the next request on the path with the status and error, then recovers', async () => {
    sim.faults.failNext('/api/tags', 503, 'server busy, please try again.  maximum pending requests exceeded')
    expect(await call(sim, 'GET', '/api/version')).toMatchObject({ status: 200 })
    expect(await call(sim, 'GET', '/api/tags')).toMatchObject({
      status: 503,
      json: { error: 'server busy, please try again.  maximum pending requests exceeded' },
    })
    expect((await call(sim, 'GET', '/api/tags')).status).toBe(200)
  })

  it('fails a given number of times and does not run the handler', async () => {
    sim.faults.failNext('/api/create', 500, 'boom', 2)
    const body = { model: 'x', from: 'llama3', stream: false }
    expect((await post(sim, '/api/create', body)).status).toBe(500)
    expect((await post(sim, '/api/create', body)).status).toBe(500)
    expect(sim.hasModel('x')).toBe(false)
    expect((await post(sim, '/api/create', body)).status).toBe(200)
    expect(sim.requestsTo('/api/create')).toHaveLength(3)
  })
})

describe('errorLineAfter', () => {
  it('streams 200, n tokens, then an error line and ends', async () => {
    sim.faults.errorLineAfter(2, 'model runner has unexpectedly stopped')
    const answer = await chat()
    expect(answer.status).toBe(200)
    expect(answer.lines).toHaveLength(3)
    expect(contentOf(answer.lines)).toBe('one two')
    expect(answer.lines[2]).toEqual({ error: 'model runner has unexpectedly stopped' })
    expect((await chat()).lines.at(-1)).toMatchObject({ done: true })
  })

  it('surfaces as a plain Error in ollama-js', async () => {
    sim.faults.errorLineAfter(1, 'mid-stream failure')
    const client = new Ollama({ host: sim.url })
    const seen: string[] = []
    const error = await (async () => {
      for await (const part of await client.chat({
        model: 'llama3',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      }))
        seen.push(part.message.content)
    })().catch((e: unknown) => e)
    expect(seen).toEqual(['one'])
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe('mid-stream failure')
  })

  it('answers 500 when the request was not streamed', async () => {
    sim.faults.errorLineAfter(2, 'failed')
    expect(await chat({ stream: false })).toMatchObject({ status: 500, json: { error: 'failed' } })
  })
})

describe('dropStreamAfter', () => {
  it('sends n tokens then destroys the socket without a done line', async () => {
    sim.faults.dropStreamAfter(2)
    const response = await fetch(`${sim.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'x' }] }),
    })
    expect(response.status).toBe(200)
    const error = await response.text().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((await chat()).lines.at(-1)).toMatchObject({ done: true })
  })

  it('makes ollama-js fail the iteration', async () => {
    sim.faults.dropStreamAfter(1)
    const client = new Ollama({ host: sim.url })
    const error = await (async () => {
      for await (const part of await client.chat({
        model: 'llama3',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      }))
        void part
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
  })
})

describe('malformedNext', () => {
  it('answers the next request on the path with garbage, default not json{', async () => {
    sim.faults.malformedNext('/api/tags')
    expect(await call(sim, 'GET', '/api/tags')).toMatchObject({ status: 200, text: 'not json{' })
    expect((await call(sim, 'GET', '/api/tags')).json).toMatchObject({ models: expect.any(Array) as unknown })
  })

  it('uses a custom body', async () => {
    sim.faults.malformedNext('/api/chat', '{"model":"llama3","message":')
    expect((await chat()).text).toBe('{"model":"llama3","message":')
  })
})

describe('stallNext', () => {
  it('never answers the next request on the path until the client aborts', async () => {
    sim.faults.stallNext('/api/show')
    const controller = new AbortController()
    const stalled = fetch(`${sim.url}/api/show`, {
      method: 'POST',
      body: '{"model":"llama3"}',
      signal: controller.signal,
    }).catch((e: unknown) => e)
    expect((await post(sim, '/api/show', { model: 'llama3' })).status).toBe(200)
    expect(sim.requestsTo('/api/show')).toHaveLength(2)
    controller.abort()
    expect(((await stalled) as Error).name).toBe('AbortError')
  })

  it('does not keep close() waiting', async () => {
    sim.faults.stallNext('/api/tags')
    const stalled = fetch(`${sim.url}/api/tags`).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await sim.close()
    expect(await stalled).toBeInstanceOf(Error)
  })
})

describe('dropConnectionNext (transport fault)', () => {
  it('closes the connection of the next requests to the path unanswered, before the route runs, then recovers', async () => {
    await post(sim, '/api/create', { model: 'kept', from: 'llama3', stream: false })
    sim.faults.dropConnectionNext('/api/delete', 2)
    expect((await call(sim, 'GET', '/api/tags')).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const error = await call(sim, 'DELETE', '/api/delete', { model: 'kept' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TypeError)
      expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/)
    }
    // Read and recorded, but the model was never touched.
    expect(sim.requestsTo('/api/delete')).toHaveLength(2)
    expect(sim.hasModel('kept')).toBe(true)
    expect((await call(sim, 'DELETE', '/api/delete', { model: 'kept' })).status).toBe(200)
    expect(sim.hasModel('kept')).toBe(false)
  })

  it('adds up when set twice, and comes before a stall on the same path', async () => {
    sim.faults.dropConnectionNext('/api/show')
    sim.faults.dropConnectionNext('/api/show')
    sim.faults.stallNext('/api/show')
    const show = (signal: AbortSignal | null = null) =>
      fetch(`${sim.url}/api/show`, { method: 'POST', body: '{"model":"llama3"}', signal })
    for (let i = 0; i < 2; i++) {
      const error = await show().catch((e: unknown) => e)
      expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/)
    }
    const controller = new AbortController()
    const stalled = show(controller.signal).catch((e: unknown) => e)
    await vi.waitFor(() => expect(sim.requestsTo('/api/show')).toHaveLength(3))
    controller.abort()
    expect(((await stalled) as Error).name).toBe('AbortError')
    expect((await post(sim, '/api/show', { model: 'llama3' })).status).toBe(200)
  })
})

describe('reset', () => {
  it('clears every pending fault and the latency', async () => {
    sim.faults.latency(10_000)
    sim.faults.failNext('/api/tags', 500, 'x')
    sim.faults.malformedNext('/api/version')
    sim.faults.stallNext('/')
    sim.faults.dropConnectionNext('/api/tags')
    sim.faults.errorLineAfter(0, 'x')
    sim.faults.reset()
    expect((await call(sim, 'GET', '/api/tags')).status).toBe(200)
    expect((await call(sim, 'GET', '/api/version')).json).toEqual({ version: '0.32.15' })
    expect((await call(sim, 'GET', '/')).text).toBe('Ollama is running')
    expect((await chat()).lines.at(-1)).toMatchObject({ done: true })
  })
})
