import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { createMemoryLogger } from '../log'
import { OllamaClient } from '../ollama/client'
import { ModelNotFoundError, OllamaUnreachableError } from '../ollama/errors'
import { ContextFacts } from '../context/context-facts'
import { createModelCatalog, type ModelCatalog } from './model-catalog'

let sim: OllamaSim
let client: OllamaClient
let catalog: ModelCatalog
let log: ReturnType<typeof createMemoryLogger>
const custom = new Map<string, number>()

beforeEach(async () => {
  sim = await startOllamaSim({
    models: [
      'llama3',
      { name: 'qwen3:8b', capabilities: ['completion', 'thinking'], contextLength: 40960, family: 'qwen3' },
      { name: 'Zeta/tuned', parameters: { num_ctx: 1_048_576 }, contextLength: 2_000_000 },
      'ollmchat-temp/llama3-oc4096',
    ],
  })
  client = new OllamaClient({ host: sim.url })
  log = createMemoryLogger()
  custom.clear()
  catalog = createModelCatalog({
    client,
    customNumCtx: () => (name) => custom.get(name) ?? null,
    facts: new ContextFacts(),
    log,
  })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

describe('model catalog', () => {
  it('lists installed models sorted by name, never a temporary one, with their details', async () => {
    custom.set('qwen3:8b', 16384)
    const models = await catalog.list()
    expect(models.map((m) => m.name)).toEqual(['llama3:latest', 'qwen3:8b', 'Zeta/tuned:latest'])
    const qwen = models[1]
    expect(qwen).toMatchObject({
      family: 'qwen3',
      trainedContext: 40960,
      modelNumCtx: null,
      customNumCtx: 16384,
      runningContext: null,
      isCloud: false,
      capabilities: ['completion', 'thinking'],
      digest: sim.getModel('qwen3:8b')?.digest,
    })
    expect(models[2]).toMatchObject({ modelNumCtx: 1_048_576, trainedContext: 2_000_000, customNumCtx: null })
  })

  it('marks cloud models', async () => {
    sim.addModel('gpt-oss:120b-cloud')
    const cloud = (await catalog.list()).find((m) => m.name === 'gpt-oss:120b-cloud')
    expect(cloud?.isCloud).toBe(true)
  })

  it('caches /api/show by digest and reads a re-pulled model again', async () => {
    await catalog.list()
    expect(sim.requestsTo('/api/show')).toHaveLength(3)
    sim.clearRequests()
    await catalog.list()
    expect(sim.requestsTo('/api/show')).toEqual([])
    sim.repull('qwen3:8b')
    await catalog.list()
    expect(sim.requestsTo('/api/show').map((r) => (r.body as { model: string }).model)).toEqual(['qwen3:8b'])
  })

  it('survives a failing /api/show for one model, logging it, and asks again next time', async () => {
    catalog = createModelCatalog({
      client,
      customNumCtx: () => () => null,
      facts: new ContextFacts(),
      log,
      showConcurrency: 1,
    })
    sim.faults.failNext('/api/show', 500, 'unsupported architecture')
    const models = await catalog.list()
    expect(models).toHaveLength(3)
    expect(models.find((m) => m.name === 'Zeta/tuned:latest')?.modelNumCtx).toBe(1_048_576)
    const warning = log.lines.find((l) => l.level === 'warn' && l.message === 'could not read model details')
    expect(warning?.fields).toMatchObject({ model: 'llama3:latest' })
    sim.clearRequests()
    await catalog.list()
    expect(sim.requestsTo('/api/show').map((r) => (r.body as { model: string }).model)).toEqual(['llama3:latest'])
  })

  it('survives a failing /api/ps: empty running contexts at first, the last known ones afterwards', async () => {
    sim.load('llama3', { numCtx: 2048 })
    sim.faults.failNext('/api/ps', 500, 'scheduler busy')
    const models = await catalog.list()
    expect(models.every((m) => m.runningContext === null)).toBe(true)
    expect(log.lines.some((l) => l.message === 'could not read the running models')).toBe(true)
    expect((await catalog.list()).find((m) => m.name === 'llama3:latest')?.runningContext).toBe(2048)
    // One failed read later does not make the loaded model look unloaded (no flicker in every window).
    sim.faults.malformedNext('/api/ps')
    expect((await catalog.list()).find((m) => m.name === 'llama3:latest')?.runningContext).toBe(2048)
  })

  it('reports the running context of a loaded model, or of a loaded temporary model of it', async () => {
    sim.load('qwen3:8b', { numCtx: 8192 })
    let models = await catalog.list()
    expect(models.find((m) => m.name === 'qwen3:8b')?.runningContext).toBe(8192)
    expect(models.find((m) => m.name === 'llama3:latest')?.runningContext).toBeNull()
    sim.unloadAll()
    await client.create({ model: 'ollmchat-temp/llama3-oc2048', from: 'llama3:latest', parameters: { num_ctx: 2048 } })
    sim.load('ollmchat-temp/llama3-oc2048')
    models = await catalog.list()
    expect(models.find((m) => m.name === 'llama3:latest')?.runningContext).toBe(2048)
  })

  it('fails the listing when Ollama is unreachable', async () => {
    await sim.faults.down()
    await expect(catalog.list()).rejects.toBeInstanceOf(OllamaUnreachableError)
  })

  it('gets one model by any spelling, and refuses temporary or missing ones', async () => {
    expect((await catalog.get('LLAMA3')).name).toBe('llama3:latest')
    expect((await catalog.get('zeta/tuned')).name).toBe('Zeta/tuned:latest')
    await expect(catalog.get('ollmchat-temp/llama3-oc4096')).rejects.toBeInstanceOf(ModelNotFoundError)
    await expect(catalog.get('mistral')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', model: 'mistral' })
  })
})
