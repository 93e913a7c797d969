import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { OllamaClient, type ChatChunk, type ListedModel } from './client'
import {
  CancelledError,
  MalformedResponseError,
  ModelNotFoundError,
  OllamaHttpError,
  OllamaStreamError,
  OllamaUnreachableError,
  StreamInterruptedError,
} from './errors'
import { AGENT_OPTIONS, agentFetch, createOllamaAgent } from './http'
import { recordFault } from '../../test-support/reliability-checks'

let sim: OllamaSim
let client: OllamaClient

beforeEach(async () => {
  sim = await startOllamaSim({
    models: ['llama3', { name: 'qwen3:8b', capabilities: ['completion', 'thinking'], contextLength: 40960 }],
  })
  client = new OllamaClient({ host: sim.url })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

async function collect(stream: AsyncGenerator<ChatChunk>): Promise<{ chunks: ChatChunk[]; error: unknown }> {
  const chunks: ChatChunk[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk)
    return { chunks, error: undefined }
  } catch (error) {
    return { chunks, error }
  }
}

const text = (chunks: ChatChunk[]) => chunks.map((c) => c.content).join('')

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}

describe('OllamaClient against the simulator', () => {
  it('uses the exact host with its port, from the setting or from OLLAMA_HOST', async () => {
    expect(client.host).toBe(sim.url)
    const viaEnv = new OllamaClient({ host: null, env: { OLLAMA_HOST: `127.0.0.1:${sim.port}` } })
    expect(viaEnv.host).toBe(`http://127.0.0.1:${sim.port}`)
    expect(await viaEnv.version()).toBe('0.32.15')
    await viaEnv.close()
    expect(new OllamaClient({ host: 'http://localhost', env: {} }).host).toBe('http://localhost:80')
  })

  it('lists models with their details, and never a temporary model through models()', async () => {
    sim.addModel('ollmchat-temp/llama3-oc4096')
    sim.addModel('OLLMCHAT-TEMP/Other-oc8192')
    const all = await client.listAll()
    expect(all.map((m) => m.name).sort()).toEqual(
      ['OLLMCHAT-TEMP/Other-oc8192:latest', 'llama3:latest', 'ollmchat-temp/llama3-oc4096:latest', 'qwen3:8b'].sort(),
    )
    const models = await client.models()
    expect(models.map((m) => m.name).sort()).toEqual(['llama3:latest', 'qwen3:8b'])
    const qwen = models.find((m) => m.name === 'qwen3:8b')
    expect(qwen).toMatchObject({
      digest: sim.getModel('qwen3:8b')?.digest,
      contextLength: 40960,
      capabilities: ['completion', 'thinking'],
      parentModel: '',
      isRemote: false,
    })
    expect(qwen?.sizeBytes).toBeGreaterThan(0)
    expect(qwen?.modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('tells onListing listeners every raw listing, temporary models included, until unsubscribed', async () => {
    sim.addModel('ollmchat-temp/llama3-oc4096')
    const seen: ListedModel[][] = []
    const off = client.onListing((models) => seen.push(models))
    await client.models()
    await client.listAll()
    off()
    await client.listAll()
    expect(seen).toHaveLength(2)
    expect(seen[0]?.some((m) => m.name.startsWith('ollmchat-temp/'))).toBe(true)
  })

  it('marks cloud stubs as remote', async () => {
    sim.addModel('gpt-oss:120b-cloud')
    const cloud = (await client.models()).find((m) => m.name === 'gpt-oss:120b-cloud')
    expect(cloud?.isRemote).toBe(true)
  })

  it('shows parameters, num_ctx and the trained context; 404 is ModelNotFoundError', async () => {
    sim.addModel({ name: 'big', parameters: { num_ctx: 1_048_576, temperature: 0.5 }, contextLength: 2_000_000, family: 'qwen2' })
    const shown = await client.show('big')
    expect(shown).toMatchObject({ numCtx: 1_048_576, trainedContext: 2_000_000, architecture: 'qwen2', family: 'qwen2' })
    expect(shown.parameters['temperature']).toBe(0.5)
    const error = await client.show('nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', model: 'nope' })
    expect((error as ModelNotFoundError).ollamaMessage).toMatch(/not found/)
  })

  it('reports running models with their context length', async () => {
    expect(await client.running()).toEqual([])
    sim.load('llama3', { numCtx: 2048 })
    const running = await client.running()
    expect(running).toHaveLength(1)
    expect(running[0]).toMatchObject({ name: 'llama3:latest', contextLength: 2048, digest: sim.getModel('llama3')?.digest })
  })

  it('creates with stream:false and the exact from, and resolves once the model exists', async () => {
    await client.create({ model: 'ollmchat-temp/llama3-oc4096', from: 'llama3:latest', parameters: { num_ctx: 4096 } })
    expect(sim.requestsTo('/api/create', 'POST').map((r) => r.body)).toEqual([
      { model: 'ollmchat-temp/llama3-oc4096', from: 'llama3:latest', parameters: { num_ctx: 4096 }, stream: false },
    ])
    expect(sim.getModel('ollmchat-temp/llama3-oc4096')?.parameters['num_ctx']).toBe(4096)
  })

  it('turns a failed create into OllamaHttpError with Ollama’s text', async () => {
    sim.faults.failNext('/api/create', 500, 'disk full')
    const error = await client.create({ model: 'ollmchat-temp/x-oc4096', from: 'llama3:latest', parameters: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaHttpError)
    expect(error).toMatchObject({ code: 'OLLAMA_ERROR', status: 500, ollamaMessage: 'disk full' })
    recordFault('http-error')
  })

  it('deletes, and reports false when the model was already gone', async () => {
    sim.addModel('ollmchat-temp/llama3-oc4096')
    expect(await client.delete('ollmchat-temp/llama3-oc4096:latest')).toBe(true)
    expect(sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(false)
    expect(await client.delete('ollmchat-temp/llama3-oc4096:latest')).toBe(false)
  })

  it('streams a chat with stream:true, options.num_ctx and think, ending with stats', async () => {
    sim.setReply('Hello there, friend.')
    const { chunks, error } = await collect(
      client.chat({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], numCtx: 8192, think: false }),
    )
    expect(error).toBeUndefined()
    expect(text(chunks)).toBe('Hello there, friend.')
    const last = chunks.at(-1)
    expect(last?.done).toBe(true)
    if (last?.done) {
      expect(last.doneReason).toBe('stop')
      expect(last.stats.replyTokens).toBeGreaterThan(0)
    }
    const body = sim.requestsTo('/api/chat')[0]?.body as Record<string, unknown>
    expect(body).toMatchObject({ model: 'qwen3:8b', stream: true, options: { num_ctx: 8192 }, think: false })
  })

  it('sends no options when no num_ctx is given', async () => {
    await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    const body = sim.requestsTo('/api/chat')[0]?.body as Record<string, unknown>
    expect(body['options']).toBeUndefined()
    expect(body['stream']).toBe(true)
  })

  it('fails a chat for a missing model with ModelNotFoundError before any chunk', async () => {
    const { chunks, error } = await collect(client.chat({ model: 'missing', messages: [{ role: 'user', content: 'hi' }] }))
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ model: 'missing' })
  })

  it('fails a chat with HTTP 500 as OllamaHttpError keeping Ollama’s message', async () => {
    sim.faults.failNext('/api/chat', 500, 'option "num_ctx" must be of type integer')
    const { error } = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(OllamaHttpError)
    expect(error).toMatchObject({ status: 500, ollamaMessage: 'option "num_ctx" must be of type integer' })
    recordFault('http-error')
  })

  it('keeps the tokens before an error line, then throws OllamaStreamError', async () => {
    sim.setReply('one two three four five six')
    sim.faults.errorLineAfter(3, 'runner crashed')
    const { chunks, error } = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(OllamaStreamError)
    expect(error).toMatchObject({ code: 'OLLAMA_STREAM_ERROR', ollamaMessage: 'runner crashed' })
    expect(chunks).toHaveLength(3)
    expect(text(chunks).length).toBeGreaterThan(0)
    recordFault('error-line')
  })

  it('throws StreamInterruptedError when the socket drops mid-stream, after the tokens that arrived', async () => {
    sim.setReply('one two three four five six')
    sim.faults.dropStreamAfter(2)
    const { chunks, error } = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(StreamInterruptedError)
    expect(error).toMatchObject({ code: 'STREAM_INTERRUPTED' })
    expect(chunks).toHaveLength(2)
    recordFault('dropped-stream')
  })

  it('throws MalformedResponseError for a garbage chat body and for malformed tags', async () => {
    sim.faults.malformedNext('/api/chat', 'this is not json\n')
    const { error } = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(MalformedResponseError)
    sim.faults.malformedNext('/api/tags')
    await expect(client.listAll()).rejects.toBeInstanceOf(MalformedResponseError)
    sim.faults.malformedNext('/api/tags', '{"models":[{"name":"x","digest":1}]}')
    await expect(client.models()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' })
    sim.faults.malformedNext('/api/ps', '{"nothing":true}')
    await expect(client.running()).rejects.toBeInstanceOf(MalformedResponseError)
    recordFault('malformed', 4)
  })

  it('keeps the console quiet on plain-text errors and unparseable lines', async () => {
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}))
    try {
      const elsewhere = new OllamaClient({ host: `${sim.url}/not-ollama` })
      const error = await elsewhere.listAll().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OllamaHttpError)
      expect(error).toMatchObject({ status: 404, ollamaMessage: '404 page not found' })
      await elsewhere.close()
      sim.faults.malformedNext('/api/chat', '{"message":{"content":"a"},"done":false}\nnot json\n')
      const { chunks, error: chatError } = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
      expect(text(chunks)).toBe('a')
      expect(chatError).toBeInstanceOf(MalformedResponseError)
      for (const spy of spies) expect(spy).not.toHaveBeenCalled()
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    recordFault('malformed')
  })
})

describe('OllamaClient when Ollama cannot be reached', () => {
  it('reports OllamaUnreachableError with the host while the simulator is down, and recovers after up()', async () => {
    await sim.faults.down()
    const error = await client.version().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ code: 'OLLAMA_UNREACHABLE', host: sim.url, reason: 'ECONNREFUSED' })
    const chat = await collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(chat.error).toBeInstanceOf(OllamaUnreachableError)
    await sim.faults.up()
    expect(await client.version()).toBe('0.32.15')
    recordFault('unreachable', 2)
  })

  it('reports a closed port and a port fetch refuses to use as unreachable', async () => {
    const other = await startOllamaSim()
    const closedUrl = other.url
    await other.close()
    const closed = new OllamaClient({ host: closedUrl })
    await expect(closed.listAll()).rejects.toBeInstanceOf(OllamaUnreachableError)
    await closed.close()
    const blocked = new OllamaClient({ host: 'http://127.0.0.1:9' })
    await expect(blocked.version()).rejects.toMatchObject({ code: 'OLLAMA_UNREACHABLE', reason: expect.stringMatching(/bad port/) as unknown })
    await blocked.close()
    recordFault('unreachable', 2)
  })

  it('reads a caller’s own timeout signal as unreachable, not as a cancel', async () => {
    sim.faults.stallNext('/api/version')
    const error = await client.version({ signal: AbortSignal.timeout(50) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ reason: 'no answer in time' })
    recordFault('stall')
  })

  it('times out short calls after requestTimeoutMs as unreachable', async () => {
    const quick = new OllamaClient({ host: sim.url, requestTimeoutMs: 100 })
    sim.faults.stallNext('/api/tags')
    const error = await quick.listAll().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect((error as OllamaUnreachableError).reason).toMatch(/no answer within/)
    await quick.close()
    recordFault('stall')
  })
})

describe('OllamaClient cancellation', () => {
  it('cancels a chat before any header arrived (model still loading)', async () => {
    sim.faults.stallNext('/api/chat')
    const controller = new AbortController()
    const pending = collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal }))
    await until(() => sim.requestsTo('/api/chat').length === 1)
    controller.abort()
    const { chunks, error } = await pending
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(CancelledError)
    expect(error).toMatchObject({ code: 'CANCELLED' })
    recordFault('stall')
  })

  it('cancels a chat mid-stream, keeping what arrived', async () => {
    const slow = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 20, reply: 'a b c d e f g h i j k l m n o p' })
    const slowClient = new OllamaClient({ host: slow.url })
    const controller = new AbortController()
    const chunks: ChatChunk[] = []
    let error: unknown
    try {
      for await (const chunk of slowClient.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal })) {
        chunks.push(chunk)
        if (chunks.length === 2) controller.abort()
      }
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CancelledError)
    expect(chunks).toHaveLength(2)
    await slowClient.close()
    await slow.close()
  })

  it('refuses to start when the signal is already aborted, without any request', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(client.listAll({ signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    const { error } = await collect(client.chat({ model: 'llama3', messages: [] }, { signal: controller.signal }))
    expect(error).toBeInstanceOf(CancelledError)
    expect(sim.requests).toEqual([])
  })

  it('cancels a stalled short call and a stalled create', async () => {
    sim.faults.stallNext('/api/show')
    const controller = new AbortController()
    const show = client.show('llama3', { signal: controller.signal }).catch((e: unknown) => e)
    await until(() => sim.requestsTo('/api/show').length === 1)
    controller.abort()
    expect(await show).toBeInstanceOf(CancelledError)
    sim.faults.stallNext('/api/create')
    const second = new AbortController()
    const create = client.create({ model: 'ollmchat-temp/a-oc4096', from: 'llama3:latest', parameters: {} }, { signal: second.signal }).catch((e: unknown) => e)
    await until(() => sim.requestsTo('/api/create').length === 1)
    second.abort()
    expect(await create).toBeInstanceOf(CancelledError)
    recordFault('stall', 2)
  })
})

describe('header timeouts', () => {
  it('gives ollama-js an agent without undici’s 300 s header and body timeouts', () => {
    expect(AGENT_OPTIONS).toEqual({ headersTimeout: 0, bodyTimeout: 0 })
  })

  it('would fail a slow load with a header timeout, which the default client does not have', async () => {
    const shortAgent = createOllamaAgent({ headersTimeout: 100 })
    const impatient = new OllamaClient({ host: sim.url, fetch: agentFetch(shortAgent) })
    sim.faults.stallNext('/api/chat')
    sim.faults.stallNext('/api/chat')
    const controller = new AbortController()
    let patientSettled = false
    const patient = collect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal })).finally(() => {
      patientSettled = true
    })
    const { error } = await collect(impatient.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ reason: 'UND_ERR_HEADERS_TIMEOUT' })
    expect(patientSettled).toBe(false)
    controller.abort()
    expect((await patient).error).toBeInstanceOf(CancelledError)
    await shortAgent.close()
    recordFault('stall', 2)
  })
})

describe('closing', () => {
  it('waits for calls in flight without a grace period', async () => {
    const patient = new OllamaClient({ host: sim.url })
    sim.faults.latency(50)
    const listing = patient.listAll()
    await until(() => sim.requestsTo('/api/tags').length === 1)
    await patient.close()
    expect((await listing).map((m) => m.name)).toContain('llama3:latest')
  })

  it('gives stalled calls the grace period, then destroys the connections so closing cannot hang', async () => {
    const stalled = new OllamaClient({ host: sim.url, requestTimeoutMs: 0 })
    sim.faults.stallNext('/api/tags')
    sim.faults.stallNext('/api/chat')
    const listing = stalled.listAll().catch((e: unknown) => e)
    const reply = collect(stalled.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    await until(() => sim.requestsTo('/api/tags').length === 1 && sim.requestsTo('/api/chat').length === 1)
    await stalled.close({ graceMs: 20 })
    expect(await listing).toBeInstanceOf(OllamaUnreachableError)
    expect((await reply).error).toBeInstanceOf(OllamaUnreachableError)
    // A second close is the same close, and a call after it fails instead of hanging.
    await stalled.close({ graceMs: 20 })
    await expect(stalled.version()).rejects.toBeInstanceOf(OllamaUnreachableError)
    recordFault('stall', 2)
  })
})
