import { Ollama } from 'ollama'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { call, post } from './test-helpers'

let sim: OllamaSim | undefined

afterEach(async () => {
  vi.restoreAllMocks()
  await sim?.close()
  sim = undefined
})

const SECRET = 'Bearer s3cret-token'

describe('requiredHeaders: a stand-in for an authenticating proxy (not Ollama)', () => {
  it('answers 401 Unauthorized as plain text without the exact header, and passes requests that have it', async () => {
    sim = await startOllamaSim({ models: ['llama3'], requiredHeaders: { Authorization: SECRET } })
    const missing = await call(sim, 'GET', '/api/tags')
    expect(missing).toMatchObject({ status: 401, text: 'Unauthorized' })
    expect(missing.contentType).toBe('text/plain; charset=utf-8')
    const wrong = await fetch(`${sim.url}/api/version`, { headers: { Authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer')
    expect(await call(sim, 'GET', '/api/version', undefined, { authorization: SECRET })).toMatchObject({ status: 200 })
    expect(await call(sim, 'POST', '/api/show', { model: 'llama3' }, { AUTHORIZATION: SECRET })).toMatchObject({
      status: 200,
    })
  })

  it('records every request with its headers, refused ones too, so a test can check what was sent', async () => {
    sim = await startOllamaSim({ requiredHeaders: { 'X-Api-Key': 'k1' } })
    await call(sim, 'GET', '/api/version')
    await call(sim, 'GET', '/api/version', undefined, { 'x-api-key': 'k1' })
    expect(sim.requestsTo('/api/version').map((r) => r.headers['x-api-key'])).toEqual([undefined, 'k1'])
    expect(sim.requests[0]?.headers['content-type']).toBe('application/json')
  })

  it('works with ollama-js headers, and can be lifted with configure', async () => {
    sim = await startOllamaSim({ models: ['llama3'], requiredHeaders: { Authorization: SECRET } })
    const client = new Ollama({ host: sim.url, headers: { Authorization: SECRET } })
    expect((await client.list()).models.map((m) => m.name)).toEqual(['llama3:latest'])
    await expect(new Ollama({ host: sim.url }).list()).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 401,
      error: 'Unauthorized',
    })
    sim.configure({ requiredHeaders: {} })
    expect((await post(sim, '/api/chat', { model: 'llama3', messages: [] })).status).toBe(200)
  })

  it('never writes a header value to its log, only the names it refused', async () => {
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    sim = await startOllamaSim({ quiet: false, requiredHeaders: { Authorization: SECRET } })
    await call(sim, 'GET', '/api/tags', undefined, { Authorization: 'Bearer wrong-guess' })
    await call(sim, 'GET', '/api/tags', undefined, { Authorization: SECRET })
    await vi.waitFor(() => expect(written.filter((line) => line.includes('/api/tags'))).toHaveLength(2))
    const log = written.join('')
    expect(log).not.toContain('s3cret')
    expect(log).not.toContain('wrong-guess')
    expect(log).toMatch(/401 \|.*GET\s+\/api\/tags \(proxy: no or wrong authorization\)/)
  })
})
