// How `OllamaClient.chat` reads its stream: straight from the body, each line parsed once, with the headers of
// Ollama's own client and the host's extra ones, and the same typed errors as the JSON calls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { signinUrl } from '../../../tools/ollama-sim/cloud'
import { OllamaClient } from './client'
import { ModelNotFoundError, OllamaHttpError, StreamInterruptedError } from './errors'
import { SignInRequiredError } from './limit-errors'
import { collect } from './test-fixtures/collect-chat'

const hi = [{ role: 'user' as const, content: 'hi' }]

/** A fetch answering with this status and body (NDJSON lines as given). */
const answering =
  (status: number, body: string, contentType = 'application/x-ndjson'): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': contentType } })

const line = (value: object) => `${JSON.stringify(value)}\n`

describe('OllamaClient.chat stream', () => {
  let sim: OllamaSim
  let client: OllamaClient
  beforeEach(async () => {
    sim = await startOllamaSim({ models: ['llama3', 'gpt-oss:120b-cloud'], reply: 'one two three' })
    client = new OllamaClient({ host: sim.url, headers: { Authorization: 'Bearer s3cret', accept: 'text/plain' } })
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await client.close()
    await sim.close()
  })

  it('sends the host’s headers and asks for NDJSON as Ollama’s own client does', async () => {
    await collect(client.chat({ model: 'llama3', messages: hi }))
    const headers = sim.requestsTo('/api/chat')[0]?.headers
    expect(headers?.['authorization']).toBe('Bearer s3cret')
    expect(headers?.['accept']).toBe('application/x-ndjson')
    expect(headers?.['content-type']).toBe('application/json')
  })

  it('reads a signed-out cloud model’s 401 before the stream as SignInRequiredError with Ollama’s link', async () => {
    sim.configure({ cloudAuth: 'signed-out' })
    const { chunks, error } = await collect(client.chat({ model: 'gpt-oss:120b-cloud', messages: hi }))
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(SignInRequiredError)
    expect(error).toMatchObject({ signinUrl: signinUrl() })
  })
})

describe('OllamaClient.chat stream, answered by a fetch of the test’s own', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('parses each streamed line once', async () => {
    const lines = [
      line({ message: { content: 'a' }, done: false }),
      line({ message: { content: 'b' }, done: false }),
      line({ message: { content: '' }, done: true, done_reason: 'stop' }),
    ]
    const client = new OllamaClient({ host: 'http://127.0.0.1:11434', fetch: answering(200, lines.join('')) })
    const parse = vi.spyOn(JSON, 'parse')
    const { chunks, error } = await collect(client.chat({ model: 'llama3', messages: hi }))
    expect(error).toBeUndefined()
    expect(chunks.map((c) => c.content).join('')).toBe('ab')
    expect(parse).toHaveBeenCalledTimes(lines.length)
    await client.close()
  })

  it('fails a stream that ends without its done line with StreamInterruptedError, after the chunks that came', async () => {
    const client = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: answering(200, line({ message: { content: 'a' }, done: false })),
    })
    const { chunks, error } = await collect(client.chat({ model: 'llama3', messages: hi }))
    expect(chunks).toHaveLength(1)
    expect(error).toBeInstanceOf(StreamInterruptedError)
    expect(error).toMatchObject({ reason: 'the stream ended without its final line' })
    await client.close()
  })

  it('maps error statuses as the JSON calls do: plain text, an empty body, a 404', async () => {
    const plain = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: answering(502, 'Bad Gateway from the proxy', 'text/plain'),
    })
    expect((await collect(plain.chat({ model: 'llama3', messages: hi }))).error).toMatchObject({
      status: 502,
      ollamaMessage: 'Bad Gateway from the proxy',
    })
    const empty = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: async () => new Response(null, { status: 503, statusText: 'Service Unavailable' }),
    })
    const emptyError = (await collect(empty.chat({ model: 'llama3', messages: hi }))).error
    expect(emptyError).toBeInstanceOf(OllamaHttpError)
    expect(emptyError).toMatchObject({ status: 503, ollamaMessage: 'Error 503: Service Unavailable' })
    const missing = new OllamaClient({
      host: 'http://127.0.0.1:11434',
      fetch: answering(404, '{"error":"model \'llama3\' not found"}', 'application/json'),
    })
    expect((await collect(missing.chat({ model: 'llama3', messages: hi }))).error).toBeInstanceOf(ModelNotFoundError)
  })
})
