import { describe, expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../src-shared/types'
import { makeConversation, makeModel, makeStatus } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { selectActiveModelName } from './conversations-slice'

const llama = makeModel({ name: 'llama3:latest', trainedContext: 8192 })

describe('the model list', () => {
  it('never contains a temporary model, whatever its case or host prefix', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:list', () =>
      ok({
        models: [
          llama,
          makeModel({ name: 'ollmchat-temp/llama3-16k:latest' }),
          makeModel({ name: 'OLLMCHAT-TEMP/Qwen:latest' }),
          makeModel({ name: 'registry.ollama.ai/ollmchat-temp/x:latest' }),
        ],
        defaultModel: 'llama3:latest',
      }),
    )
    await bootApp(harness.store)
    expect(harness.store.getState().models.map((m) => m.name)).toEqual(['llama3:latest'])
  })

  it('shows the core’s default in the new-chat draft, not a rule of its own', async () => {
    const harness = createStoreHarness()
    const qwen = makeModel({ name: 'qwen3:8b' })
    // The settings name a model that is gone; the core already applied its rule and says qwen3.
    harness.fake.handle('models:list', () => ok({ models: [llama, qwen], defaultModel: 'qwen3:8b' }))
    harness.fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, defaultModel: 'gone:latest' }))
    await bootApp(harness.store)
    expect(harness.store.getState().defaultModel).toBe('qwen3:8b')
    expect(selectActiveModelName(harness.store.getState())).toBe('qwen3:8b')
  })

  it('applies models:changed: the new list and the new default, which the untouched draft follows', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
    await bootApp(harness.store)
    const mistral = makeModel({ name: 'mistral:latest', runningContext: 32768 })
    harness.fake.emit('models:changed', {
      models: [mistral, makeModel({ name: 'ollmchat-temp/mistral-8k:latest' })],
      defaultModel: 'mistral:latest',
    })
    const state = harness.store.getState()
    expect(state.models.map((m) => `${m.name}@${m.runningContext}`)).toEqual(['mistral:latest@32768'])
    expect(selectActiveModelName(state)).toBe('mistral:latest')
  })

  it('keeps a model the person picked for the draft when the default changes', async () => {
    const harness = createStoreHarness()
    const qwen = makeModel({ name: 'qwen3:8b' })
    harness.fake.handle('models:list', () => ok({ models: [llama, qwen], defaultModel: 'llama3:latest' }))
    harness.fake.handle('conversations:create', (input) => ok(makeConversation({ id: 'c9', model: input.model })))
    harness.fake.handle('chat:send', () => new Promise(() => undefined))
    await bootApp(harness.store)
    await harness.store.getState().setActiveModel('qwen3:8b')
    harness.fake.emit('models:changed', { models: [llama, qwen], defaultModel: 'llama3:latest' })
    expect(selectActiveModelName(harness.store.getState())).toBe('qwen3:8b')
    void harness.store.getState().send('Hi')
    await expect.poll(() => harness.fake.callsTo('conversations:create')).toEqual([{ model: 'qwen3:8b' }])
  })

  it('cannot send from a draft when no installed model can chat', async () => {
    const harness = createStoreHarness()
    const embed = makeModel({ name: 'nomic-embed-text:latest', canChat: false, capabilities: ['embedding'] })
    harness.fake.handle('models:list', () => ok({ models: [embed], defaultModel: null }))
    await bootApp(harness.store)
    expect(await harness.store.getState().send('Hi')).toBe(false)
    expect(harness.fake.callsTo('conversations:create')).toHaveLength(0)
  })

  it('reloads the models when Ollama becomes reachable again', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('ollama:getStatus', () => ok(makeStatus('unreachable')))
    harness.fake.handle('models:list', () => fail('OLLAMA_UNREACHABLE', 'Nothing answered.'))
    await bootApp(harness.store)
    expect(harness.store.getState().modelsStatus).toBe('error')
    harness.fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
    harness.fake.emit('ollama:status', makeStatus('reachable'))
    await expect.poll(() => harness.store.getState().models.length).toBe(1)
    expect(harness.fake.callsTo('models:list')).toHaveLength(2)
  })
})

describe('setNumCtx', () => {
  async function booted() {
    const harness = createStoreHarness()
    harness.fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
    harness.fake.handle('models:setNumCtx', ({ numCtx }) => ok({ model: { ...llama, customNumCtx: numCtx } }))
    await bootApp(harness.store)
    return harness
  }

  it('saves a valid value and updates the model', async () => {
    const harness = await booted()
    expect(await harness.store.getState().setNumCtx('llama3:latest', 4096)).toBeNull()
    expect(harness.fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: 4096 }])
    expect(harness.store.getState().models[0]?.customNumCtx).toBe(4096)
  })

  it('resets with null', async () => {
    const harness = await booted()
    expect(await harness.store.getState().setNumCtx('llama3:latest', null)).toBeNull()
    expect(harness.fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: null }])
  })

  it('passes main’s refusal through', async () => {
    const harness = await booted()
    harness.fake.handle('models:setNumCtx', () => fail('NOT_APPLICABLE', 'Cloud models choose their own context.'))
    expect((await harness.store.getState().setNumCtx('llama3:latest', 4096))?.code).toBe('NOT_APPLICABLE')
  })
})

describe('estimateMemory', () => {
  it('asks the core for the memory at a context length and hands back its answer or refusal', async () => {
    const harness = createStoreHarness()
    const estimate = {
      weightsBytes: 4_700_000_000,
      kvCacheBytes: 1_200_000_000,
      totalBytes: 5_900_000_000,
      gpuBytes: null,
    }
    harness.fake.handle('models:estimateMemory', () => ok(estimate))
    expect(await harness.store.getState().estimateMemory('llama3:latest', 16384)).toEqual(ok(estimate))
    expect(harness.fake.callsTo('models:estimateMemory')).toEqual([{ model: 'llama3:latest', numCtx: 16384 }])
    harness.fake.handle('models:estimateMemory', () => fail('NOT_APPLICABLE', 'Cloud models run on ollama.com.'))
    const refused = await harness.store.getState().estimateMemory('gpt-oss:120b-cloud', 16384)
    expect(refused.ok).toBe(false)
  })
})
