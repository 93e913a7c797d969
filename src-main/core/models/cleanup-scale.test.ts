// The start-up clean-up with many temporary models: linear work (counted, never timed), one pass over the names.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../test-support/ollama-sim'
import * as modelName from '../ollama/model-name'
import { OllamaClient } from '../ollama/client'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry } from './temp-model-registry'

// Every name function counted, so the test can tell how often names are parsed and compared.
vi.mock('../ollama/model-name', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>()
  return Object.fromEntries(Object.entries(real).map(([key, value]) => [key, typeof value === 'function' ? vi.fn(value as (...args: unknown[]) => unknown) : value]))
})

const nameCalls = () =>
  Object.values(modelName).reduce<number>((sum, value) => sum + (vi.isMockFunction(value) ? value.mock.calls.length : 0), 0)

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
    await client.create({ model: `ollmchat-temp/llama3-oc${5000 + i}`, from: 'llama3', parameters: { num_ctx: 5000 + i } })
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
    expect(sim.listModelNames().filter((name) => name.startsWith('ollmchat-temp/'))).toEqual(['ollmchat-temp/llama3-oc2048:latest'])
    expect(sim.requestsTo('/api/delete', 'DELETE')).toHaveLength(33)
  })
})
