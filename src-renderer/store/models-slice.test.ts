import { describe, expect, it } from 'vitest'
import { fail, ok } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../src-shared/types'
import { makeModel, makeStatus } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { pickDefaultModel } from './models-slice'

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
      }),
    )
    await bootApp(harness.store)
    expect(harness.store.getState().models.map((m) => m.name)).toEqual(['llama3:latest'])
  })

  it('falls back to the first model when the default one is not installed', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:list', () => ok({ models: [llama] }))
    harness.fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, defaultModel: 'gone:latest' }))
    await bootApp(harness.store)
    expect(pickDefaultModel(harness.store.getState())).toBe('llama3:latest')
  })

  it('reloads the models when Ollama becomes reachable again', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('ollama:getStatus', () => ok(makeStatus('unreachable')))
    harness.fake.handle('models:list', () => fail('OLLAMA_UNREACHABLE', 'Nothing answered.'))
    await bootApp(harness.store)
    expect(harness.store.getState().modelsStatus).toBe('error')
    harness.fake.handle('models:list', () => ok({ models: [llama] }))
    harness.fake.emit('ollama:status', makeStatus('reachable'))
    await expect.poll(() => harness.store.getState().models.length).toBe(1)
    expect(harness.fake.callsTo('models:list')).toHaveLength(2)
  })
})

describe('setNumCtx', () => {
  async function booted() {
    const harness = createStoreHarness()
    harness.fake.handle('models:list', () => ok({ models: [llama] }))
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
