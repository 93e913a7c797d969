// Many temporary models: the start-up clean-up, the list of temporary models and the model list do linear work
// (names parsed are counted, never timed), each a pass over the names.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { countTurns } from '../../test-support/event-loop-turns'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import * as modelName from '../ollama/model-name'
import { createMemoryLogger, silentLogger } from '../log'
import { OllamaClient } from '../ollama/client'
import { ContextFacts } from '../context/context-facts'
import { DELETE_CONCURRENCY } from './adaptive-concurrency'
import { createModelCatalog } from './model-catalog'
import { createTempModelHousekeeping } from './temp-model-housekeeping'
import { cleanupPass } from './temp-model-cleanup'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry, type TempModelRecord } from './temp-model-registry'
import { asNumCtx } from '../../test-support/num-ctx'

// Every name function counted, so the test can tell how often names are parsed and compared.
vi.mock('../ollama/model-name', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>()
  return Object.fromEntries(
    Object.entries(real).map(([key, value]) => [
      key,
      typeof value === 'function' ? vi.fn(value as (...args: unknown[]) => unknown) : value,
    ]),
  )
})

const nameCalls = () =>
  Object.values(modelName).reduce<number>(
    (sum, value) => sum + (vi.isMockFunction(value) ? value.mock.calls.length : 0),
    0,
  )

let sim: OllamaSim
let client: OllamaClient

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'] })
  client = new OllamaClient({ host: sim.url })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

/**
 * One temporary model of llama3 that Ollama has loaded, made first (so it is listed last: newest first), then
 * `count` more made by another client (no records).
 */
async function installTemps(count: number): Promise<string> {
  const loaded = 'ollmchat-temp/llama3-oc2048'
  await client.create({ model: loaded, from: 'llama3', parameters: { num_ctx: 2048 } })
  sim.load(loaded, { numCtx: 2048 })
  for (let i = 0; i < count; i++) {
    await client.create({
      model: `ollmchat-temp/llama3-oc${5000 + i}`,
      from: 'llama3',
      parameters: { num_ctx: 5000 + i },
    })
  }
  return loaded
}

describe('clean-up of many temporary models', () => {
  it('parses and compares names a few times per model, not once per pair of models', async () => {
    const count = 120
    const loaded = await installTemps(count)
    const manager = new TempModelManager(client, { registry: createMemoryTempModelRegistry() })
    vi.clearAllMocks()
    const report = await manager.cleanupUnusedTempModels()
    const calls = nameCalls()
    expect(report.deleted).toHaveLength(count)
    expect(report.kept.map((k) => k.name)).toEqual([`${loaded}:latest`])
    // Each temp is checked against the loaded temp's runner, whose base comes from the listing. Scanning the
    // listing for it per temp made about count² (14,400 here) name comparisons; indexed once, it is under 20 each.
    expect(calls).toBeLessThan(25 * count)
  })

  it('deletes every unused one even when some deletes lose their connection, each retried once', async () => {
    await installTemps(30)
    const manager = new TempModelManager(client, { registry: createMemoryTempModelRegistry() })
    sim.clearRequests()
    sim.faults.dropConnectionNext('/api/delete', 3)
    const report = await manager.cleanupUnusedTempModels()
    expect(report.failed).toEqual([])
    expect(report.deleted).toHaveLength(30)
    expect(sim.listModelNames().filter((name) => name.startsWith('ollmchat-temp/'))).toEqual([
      'ollmchat-temp/llama3-oc2048:latest',
    ])
    expect(sim.requestsTo('/api/delete', 'DELETE')).toHaveLength(33)
  })

  it('gives the event loop a turn after each model in every step that goes over all of them', async () => {
    const count = 100
    await installTemps(count)
    const baseDigest = (await client.listAll()).find((m) => m.name === 'llama3:latest')?.digest ?? ''
    const records: TempModelRecord[] = Array.from({ length: count }, (_, i) => ({
      host: client.host,
      path: `ollmchat-temp/llama3-oc${5000 + i}`,
      baseModel: 'llama3:latest',
      baseDigest,
      numCtx: asNumCtx(5000 + i),
      createdAt: '2026-05-01T10:00:00.000Z',
      lastUsedAt: null,
    }))
    vi.clearAllMocks()
    // Names parsed between two turns of the event loop, at most: the work the window's requests could wait behind.
    // (Not `isTempModelName`, which a temporary model's name passes with a prefix test.)
    const parses = () =>
      vi.mocked(modelName.modelKey).mock.calls.length + vi.mocked(modelName.parseModelName).mock.calls.length
    let atLastTurn = 0
    let mostBetweenTurns = 0
    const turns = countTurns(() => {
      const now = parses()
      mostBetweenTurns = Math.max(mostBetweenTurns, now - atLastTurn)
      atLastTurn = now
    })
    const report = await cleanupPass({
      client,
      log: silentLogger,
      concurrency: DELETE_CONCURRENCY,
      isAcquired: () => false,
      isCreating: () => false,
      records: () => records,
      forget: () => {},
      // A slice of 0 ms is always used up, so every model is followed by a turn wherever the pass slices.
      sliceMs: 0,
    })
    turns.stop()
    expect(report.deleted).toHaveLength(count)
    // Indexing the records, the staleness check and indexing the listing each parse every name in one go when not
    // sliced (over 100 parses in a row here); sliced, a turn comes after a few models (staleness checks 4 at once).
    expect(mostBetweenTurns).toBeLessThan(30)
  })
})

describe('listing many temporary models', () => {
  it('tells which temporary models are loaded with a few name parses per model, one index per survey', async () => {
    const count = 120
    const sharing = await installTemps(count)
    // The base loaded (listed under its own name) with the context of one temporary model, which shares its runner.
    sim.unloadAll()
    sim.load('llama3', { numCtx: 2048 })
    const registry = createMemoryTempModelRegistry()
    const baseDigest = (await client.listAll()).find((m) => m.name === 'llama3:latest')?.digest ?? ''
    for (let i = 0; i < count; i++) {
      const path = `ollmchat-temp/llama3-oc${5000 + i}`
      registry.forHost(client.host).set({
        path,
        baseModel: 'llama3:latest',
        baseDigest,
        numCtx: asNumCtx(5000 + i),
        createdAt: '2026-05-01T10:00:00.000Z',
      })
    }
    const manager = new TempModelManager(client, { registry })
    const housekeeping = createTempModelHousekeeping({ client, manager, limit: () => 1_000, log: createMemoryLogger() })
    vi.clearAllMocks()
    const listed = await housekeeping.list()
    const calls = nameCalls()
    expect(listed).toHaveLength(count + 1)
    expect(listed.filter((temp) => temp.loaded).map((temp) => temp.name)).toEqual([`${sharing}:latest`])
    expect(listed.find((temp) => temp.name === 'ollmchat-temp/llama3-oc5000:latest')).toMatchObject({
      baseModel: 'llama3:latest',
      numCtx: 5000,
      createdAt: '2026-05-01T10:00:00.000Z',
    })
    // Indexing the listing for each temporary model, and scanning the records for each, made about count² parses.
    expect(calls).toBeLessThan(25 * count)
  })

  it('finds the runner of each installed model with a few name parses per model, however many models there are', async () => {
    const count = 120
    for (let i = 0; i < count; i++) sim.addModel(`model${i}`)
    const loaded = await installTemps(count)
    const catalog = createModelCatalog({
      client,
      customNumCtx: () => () => null,
      facts: new ContextFacts(),
      log: createMemoryLogger(),
    })
    vi.clearAllMocks()
    const models = await catalog.list()
    const calls = nameCalls()
    expect(models).toHaveLength(count + 1)
    // llama3 runs on the runner its temporary model loaded; no other model runs.
    expect(models.filter((m) => m.runningContext !== null).map((m) => [m.name, m.runningContext])).toEqual([
      ['llama3:latest', 2048],
    ])
    expect(loaded).toBe('ollmchat-temp/llama3-oc2048')
    // Indexing the listing for each installed model (to follow the temporary model's runner to its base) made
    // about (installed models) × (listed models) parses.
    expect(calls).toBeLessThan(25 * count)
  })
})
