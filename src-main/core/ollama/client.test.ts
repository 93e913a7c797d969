// OllamaClient's calls against the simulator when Ollama answers: the listing, show, ps, create, delete and a chat
// stream, with the typed error for each way an answer can be wrong. Calls that never finish normally (Ollama out of
// reach, timeouts, cancellation, closing) are in client-interruptions.test.ts.
import { describe, expect, it, vi } from 'vitest'
import { OllamaClient, type ChatChunk, type ListedModel } from './client'
import {
  MalformedResponseError,
  ModelNotFoundError,
  OllamaHttpError,
  OllamaStreamError,
  StreamInterruptedError,
} from './errors'
import { useClientSim } from './test-fixtures/client-sim'
import { collect } from './test-fixtures/collect-chat'
import { recordFault } from '../../test-support/reliability-checks'

const env = useClientSim()

const text = (chunks: ChatChunk[]) => chunks.map((c) => c.content).join('')

describe('OllamaClient against the simulator', () => {
  it('uses the exact host with its port, from the setting or from OLLAMA_HOST', async () => {
    expect(env.client.host).toBe(env.sim.url)
    const viaEnv = new OllamaClient({ host: null, env: { OLLAMA_HOST: `127.0.0.1:${env.sim.port}` } })
    expect(viaEnv.host).toBe(`http://127.0.0.1:${env.sim.port}`)
    expect(await viaEnv.version()).toBe('0.32.15')
    await viaEnv.close()
    expect(new OllamaClient({ host: 'http://localhost', env: {} }).host).toBe('http://localhost:80')
  })

  it('lists models with their details, and never a temporary model through models()', async () => {
    env.sim.addModel('ollmchat-temp/llama3-oc4096')
    env.sim.addModel('OLLMCHAT-TEMP/Other-oc8192')
    const all = await env.client.listAll()
    expect(all.map((m) => m.name).sort()).toEqual(
      ['OLLMCHAT-TEMP/Other-oc8192:latest', 'llama3:latest', 'ollmchat-temp/llama3-oc4096:latest', 'qwen3:8b'].sort(),
    )
    const models = await env.client.models()
    expect(models.map((m) => m.name).sort()).toEqual(['llama3:latest', 'qwen3:8b'])
    const qwen = models.find((m) => m.name === 'qwen3:8b')
    expect(qwen).toMatchObject({
      digest: env.sim.getModel('qwen3:8b')?.digest,
      contextLength: 40960,
      capabilities: ['completion', 'thinking'],
      parentModel: '',
      isRemote: false,
    })
    expect(qwen?.sizeBytes).toBeGreaterThan(0)
    expect(qwen?.modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('tells onListing listeners every raw listing, temporary models included, until unsubscribed', async () => {
    env.sim.addModel('ollmchat-temp/llama3-oc4096')
    const seen: ListedModel[][] = []
    const off = env.client.onListing((models) => seen.push(models))
    await env.client.models()
    await env.client.listAll()
    off()
    await env.client.listAll()
    expect(seen).toHaveLength(2)
    expect(seen[0]?.some((m) => m.name.startsWith('ollmchat-temp/'))).toBe(true)
  })

  it('marks cloud stubs as remote', async () => {
    env.sim.addModel('gpt-oss:120b-cloud')
    const cloud = (await env.client.models()).find((m) => m.name === 'gpt-oss:120b-cloud')
    expect(cloud?.isRemote).toBe(true)
  })

  it('shows parameters, num_ctx and the trained context; 404 is ModelNotFoundError', async () => {
    env.sim.addModel({
      name: 'big',
      parameters: { num_ctx: 1_048_576, temperature: 0.5 },
      contextLength: 2_000_000,
      family: 'qwen2',
    })
    const shown = await env.client.show('big')
    expect(shown).toMatchObject({
      numCtx: 1_048_576,
      trainedContext: 2_000_000,
      architecture: 'qwen2',
      family: 'qwen2',
    })
    expect(shown.parameters['temperature']).toBe(0.5)
    const error = await env.client.show('nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', model: 'nope' })
    expect((error as ModelNotFoundError).ollamaMessage).toMatch(/not found/)
  })

  it('reports running models with their context length', async () => {
    expect(await env.client.running()).toEqual([])
    env.sim.load('llama3', { numCtx: 2048 })
    const running = await env.client.running()
    expect(running).toHaveLength(1)
    expect(running[0]).toMatchObject({
      name: 'llama3:latest',
      contextLength: 2048,
      digest: env.sim.getModel('llama3')?.digest,
    })
  })

  it('creates with stream:false and the exact from, and resolves once the model exists', async () => {
    await env.client.create({
      model: 'ollmchat-temp/llama3-oc4096',
      from: 'llama3:latest',
      parameters: { num_ctx: 4096 },
    })
    expect(env.sim.requestsTo('/api/create', 'POST').map((r) => r.body)).toEqual([
      { model: 'ollmchat-temp/llama3-oc4096', from: 'llama3:latest', parameters: { num_ctx: 4096 }, stream: false },
    ])
    expect(env.sim.getModel('ollmchat-temp/llama3-oc4096')?.parameters['num_ctx']).toBe(4096)
  })

  it('turns a failed create into OllamaHttpError with Ollama’s text', async () => {
    recordFault('http-error')
    env.sim.faults.failNext('/api/create', 500, 'disk full')
    const error = await env.client
      .create({ model: 'ollmchat-temp/x-oc4096', from: 'llama3:latest', parameters: {} })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaHttpError)
    expect(error).toMatchObject({ code: 'OLLAMA_ERROR', status: 500, ollamaMessage: 'disk full' })
  })

  it('deletes, and reports false when the model was already gone', async () => {
    env.sim.addModel('ollmchat-temp/llama3-oc4096')
    expect(await env.client.delete('ollmchat-temp/llama3-oc4096:latest')).toBe(true)
    expect(env.sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(false)
    expect(await env.client.delete('ollmchat-temp/llama3-oc4096:latest')).toBe(false)
  })

  it('streams a chat with stream:true, options.num_ctx and think, ending with stats', async () => {
    env.sim.setReply('Hello there, friend.')
    const { chunks, error } = await collect(
      env.client.chat({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], numCtx: 8192, think: false }),
    )
    expect(error).toBeUndefined()
    expect(text(chunks)).toBe('Hello there, friend.')
    const last = chunks.at(-1)
    expect(last?.done).toBe(true)
    if (last?.done) {
      expect(last.doneReason).toBe('stop')
      expect(last.stats.replyTokens).toBeGreaterThan(0)
    }
    const body = env.sim.requestsTo('/api/chat')[0]?.body as Record<string, unknown>
    expect(body).toMatchObject({ model: 'qwen3:8b', stream: true, options: { num_ctx: 8192 }, think: false })
  })

  it('sends no options when no num_ctx is given', async () => {
    await collect(env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    const body = env.sim.requestsTo('/api/chat')[0]?.body as Record<string, unknown>
    expect(body['options']).toBeUndefined()
    expect(body['stream']).toBe(true)
  })

  it('fails a chat for a missing model with ModelNotFoundError before any chunk', async () => {
    const { chunks, error } = await collect(
      env.client.chat({ model: 'missing', messages: [{ role: 'user', content: 'hi' }] }),
    )
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ model: 'missing' })
  })

  it('fails a chat with HTTP 500 as OllamaHttpError keeping Ollama’s message', async () => {
    recordFault('http-error')
    env.sim.faults.failNext('/api/chat', 500, 'option "num_ctx" must be of type integer')
    const { error } = await collect(env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(OllamaHttpError)
    expect(error).toMatchObject({ status: 500, ollamaMessage: 'option "num_ctx" must be of type integer' })
  })

  it('keeps the tokens before an error line, then throws OllamaStreamError', async () => {
    recordFault('error-line')
    env.sim.setReply('one two three four five six')
    env.sim.faults.errorLineAfter(3, 'runner crashed')
    const { chunks, error } = await collect(
      env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
    )
    expect(error).toBeInstanceOf(OllamaStreamError)
    expect(error).toMatchObject({ code: 'OLLAMA_STREAM_ERROR', ollamaMessage: 'runner crashed' })
    expect(chunks).toHaveLength(3)
    expect(text(chunks).length).toBeGreaterThan(0)
  })

  it('throws StreamInterruptedError when the socket drops mid-stream, after the tokens that arrived', async () => {
    recordFault('dropped-stream')
    env.sim.setReply('one two three four five six')
    env.sim.faults.dropStreamAfter(2)
    const { chunks, error } = await collect(
      env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
    )
    expect(error).toBeInstanceOf(StreamInterruptedError)
    expect(error).toMatchObject({ code: 'STREAM_INTERRUPTED' })
    expect(chunks).toHaveLength(2)
  })

  it('throws MalformedResponseError for a garbage chat body and for malformed tags', async () => {
    recordFault('malformed', 4)
    env.sim.faults.malformedNext('/api/chat', 'this is not json\n')
    const { error } = await collect(env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }))
    expect(error).toBeInstanceOf(MalformedResponseError)
    env.sim.faults.malformedNext('/api/tags')
    await expect(env.client.listAll()).rejects.toBeInstanceOf(MalformedResponseError)
    env.sim.faults.malformedNext('/api/tags', '{"models":[{"name":"x","digest":1}]}')
    await expect(env.client.models()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' })
    env.sim.faults.malformedNext('/api/ps', '{"nothing":true}')
    await expect(env.client.running()).rejects.toBeInstanceOf(MalformedResponseError)
  })

  it('keeps the console quiet on plain-text errors and unparseable lines', async () => {
    recordFault('malformed')
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    )
    try {
      const elsewhere = new OllamaClient({ host: `${env.sim.url}/not-ollama` })
      const error = await elsewhere.listAll().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OllamaHttpError)
      expect(error).toMatchObject({ status: 404, ollamaMessage: '404 page not found' })
      await elsewhere.close()
      env.sim.faults.malformedNext('/api/chat', '{"message":{"content":"a"},"done":false}\nnot json\n')
      const { chunks, error: chatError } = await collect(
        env.client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
      )
      expect(text(chunks)).toBe('a')
      expect(chatError).toBeInstanceOf(MalformedResponseError)
      for (const spy of spies) expect(spy).not.toHaveBeenCalled()
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })
})
