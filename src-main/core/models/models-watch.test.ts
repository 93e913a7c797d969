// Lists that stay fresh, the default model chosen in one place, and memory estimates: through the core.
import { afterEach, describe, expect, it } from 'vitest'
import type { ModelInfo } from '../../../src-shared/types'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { chooseDefaultModel } from './models-watch'

const model = (name: string, canChat = true) => ({ name, canChat }) as ModelInfo

describe('chooseDefaultModel', () => {
  it('takes the Settings default when it is installed and can chat, else the first that can', () => {
    const models = [model('all-minilm:latest', false), model('llama3:latest'), model('qwen3:8b')]
    expect(chooseDefaultModel(models, 'qwen3:8b')).toBe('qwen3:8b')
    expect(chooseDefaultModel(models, 'Qwen3:8B')).toBe('qwen3:8b')
    expect(chooseDefaultModel(models, 'all-minilm:latest')).toBe('llama3:latest')
    expect(chooseDefaultModel(models, 'gone:latest')).toBe('llama3:latest')
    expect(chooseDefaultModel(models, null)).toBe('llama3:latest')
    expect(chooseDefaultModel([model('all-minilm:latest', false)], null)).toBeNull()
  })
})

describe('models:refresh and models:changed', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('tells every window about a model pulled or removed outside the app, and stays quiet otherwise', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'] } })
    unwrap(await h.core.dispatch('models:list', {}))
    expect(unwrap(await h.core.dispatch('models:refresh', {}))).toEqual({ changed: false })
    expect(h.eventsNamed('models:changed')).toHaveLength(0)

    h.sim.addModel('mistral:7b')
    expect(unwrap(await h.core.dispatch('models:refresh', {}))).toEqual({ changed: true })
    expect(
      h
        .eventsNamed('models:changed')
        .at(-1)
        ?.models.map((m) => m.name),
    ).toEqual(['llama3:latest', 'mistral:7b', 'qwen3:8b'])

    h.sim.removeModel('qwen3:8b')
    unwrap(await h.core.dispatch('models:refresh', {}))
    expect(
      h
        .eventsNamed('models:changed')
        .at(-1)
        ?.models.map((m) => m.name),
    ).toEqual(['llama3:latest', 'mistral:7b'])
    expect(unwrap(await h.core.dispatch('models:refresh', {}))).toEqual({ changed: false })
    expect(h.eventsNamed('models:changed')).toHaveLength(2)
  })

  it('answers a refresh with Ollama down with an error, and announces nothing', async () => {
    h = await startCoreHarness()
    unwrap(await h.core.dispatch('models:list', {}))
    await h.sim.faults.down()
    expect(await h.core.dispatch('models:refresh', {})).toMatchObject({
      ok: false,
      error: { code: 'OLLAMA_UNREACHABLE' },
    })
    await h.sim.faults.up()
    expect(unwrap(await h.core.dispatch('models:refresh', {}))).toEqual({ changed: false })
    expect(h.eventsNamed('models:changed')).toHaveLength(0)
  })

  it('follows a model being loaded and unloaded ("running with" is never stale after a refresh)', async () => {
    h = await startCoreHarness()
    unwrap(await h.core.dispatch('models:list', {}))
    h.sim.load('llama3', { numCtx: 2048 })
    unwrap(await h.core.dispatch('models:refresh', {}))
    const loaded = h.eventsNamed('models:changed').at(-1)?.models[0]
    expect(loaded).toMatchObject({
      runningContext: 2048,
      runningMemory: { sizeBytes: expect.any(Number) as unknown, vramBytes: expect.any(Number) as unknown },
    })
    h.sim.unloadAll()
    unwrap(await h.core.dispatch('models:refresh', {}))
    expect(h.eventsNamed('models:changed').at(-1)?.models[0]).toMatchObject({
      runningContext: null,
      runningMemory: null,
    })
  })

  it('re-reads after a reply only while a window is watching', async () => {
    h = await startCoreHarness()
    h.sim.setReply('ok')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'hi' }))
    h.sim.clearRequests()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'no window' }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(h.sim.requestsTo('/api/tags')).toHaveLength(0)

    unwrap(await h.core.dispatch('models:refresh', {}))
    h.sim.clearRequests()
    unwrap(
      await h.core.dispatch('chat:send', { requestId: 'c', conversationId: conversation.id, text: 'a window watches' }),
    )
    await h.waitFor(() => h.sim.requestsTo('/api/tags').length === 1 && h.sim.requestsTo('/api/ps').length === 1)
  })
})

describe('the default model', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('is chosen in the core for a conversation created without one, never an embedding model', async () => {
    h = await startCoreHarness({
      sim: { models: [{ name: 'all-minilm', capabilities: ['embedding'] }, 'llama3', 'qwen3:8b'] },
    })
    const listing = unwrap(await h.core.dispatch('models:list', {}))
    expect(listing.models.find((m) => m.name === 'all-minilm:latest')?.canChat).toBe(false)
    expect(listing.defaultModel).toBe('llama3:latest')
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('llama3:latest')

    unwrap(await h.core.dispatch('settings:update', { defaultModel: 'qwen3:8b' }))
    expect(unwrap(await h.core.dispatch('models:list', {})).defaultModel).toBe('qwen3:8b')
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('qwen3:8b')

    unwrap(await h.core.dispatch('settings:update', { defaultModel: 'all-minilm:latest' }))
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('llama3:latest')
  })

  it('follows a new Settings default in every watching window', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'] } })
    unwrap(await h.core.dispatch('models:refresh', {}))
    unwrap(await h.core.dispatch('settings:update', { defaultModel: 'qwen3:8b' }))
    await h.waitFor(() => h.eventsNamed('models:changed').at(-1)?.defaultModel === 'qwen3:8b')
  })

  it('is the last known default (else the Settings default, else none) when Ollama cannot be asked', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'] } })
    await h.sim.faults.down()
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBeNull()
    unwrap(await h.core.dispatch('settings:update', { defaultModel: 'qwen3:8b' }))
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('qwen3:8b')
  })

  it('needs no request to Ollama while a recent listing is known', async () => {
    h = await startCoreHarness()
    unwrap(await h.core.dispatch('models:list', {}))
    h.sim.clearRequests()
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('llama3:latest')
    expect(h.sim.requests).toEqual([])
    // Known from before Ollama went down.
    await h.sim.faults.down()
    expect(unwrap(await h.core.dispatch('conversations:create', { model: null })).model).toBe('llama3:latest')
  })

  it('refuses a context for an embedding model', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'all-minilm', capabilities: ['embedding'] }] } })
    const result = await h.core.dispatch('models:setNumCtx', { model: 'all-minilm', numCtx: 4096 })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_APPLICABLE' } })
  })

  it('refuses a context below 2,048 for a vision model, which Ollama would raise anyway', async () => {
    h = await startCoreHarness({ sim: { models: ['gemma3:4b'] } })
    const result = await h.core.dispatch('models:setNumCtx', { model: 'gemma3:4b', numCtx: 1024 })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_NUM_CTX',
        message: expect.stringMatching(/at least 2,048 tokens: Ollama runs vision models/) as unknown,
      },
    })
    expect(
      unwrap(await h.core.dispatch('models:setNumCtx', { model: 'gemma3:4b', numCtx: 2048 })).model.customNumCtx,
    ).toBe(2048)
  })
})

describe('models:estimateMemory', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('adds the f16 KV cache from /api/show to the weights', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'] } })
    const estimate = unwrap(await h.core.dispatch('models:estimateMemory', { model: 'llama3', numCtx: 8192 }))
    // llama3 8B: 2 × 32 layers × 8 KV heads × 128 × 8192 tokens × 2 bytes.
    expect(estimate.kvCacheBytes).toBe(1024 ** 3)
    expect(estimate.totalBytes).toBe(estimate.weightsBytes + estimate.kvCacheBytes)
    expect(estimate.weightsBytes).toBe(h.sim.getModel('llama3')?.size)
  })

  it('gives no estimate, in words, for a sliding-window model whose cache the formula would overstate', async () => {
    h = await startCoreHarness({ sim: { models: ['gemma3:4b'] } })
    expect(await h.core.dispatch('models:estimateMemory', { model: 'gemma3:4b', numCtx: 8192 })).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_APPLICABLE',
        message:
          'ollmchat cannot estimate the memory of gemma3:4b: what Ollama tells about its context cache is not enough for an honest number.',
      },
    })
  })

  it('refuses clearly for a cloud model and for a model that is not installed', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'gpt-oss:120b-cloud'] } })
    expect(await h.core.dispatch('models:estimateMemory', { model: 'gpt-oss:120b-cloud', numCtx: 8192 })).toMatchObject(
      { ok: false, error: { code: 'NOT_APPLICABLE' } },
    )
    expect(await h.core.dispatch('models:estimateMemory', { model: 'nope', numCtx: 8192 })).toMatchObject({
      ok: false,
      error: { code: 'MODEL_NOT_FOUND' },
    })
    expect(await h.core.dispatch('models:estimateMemory', { model: 'llama3', numCtx: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
