// Clean-up of temporary models that pin old weights: a base pulled again with other weights, or removed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { createMemoryLogger } from '../log'
import { OllamaClient } from '../ollama/client'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry } from './temp-model-registry'
import { asNumCtx } from '../../test-support/num-ctx'

let sim: OllamaSim
let client: OllamaClient
let manager: TempModelManager
const log = createMemoryLogger()

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3', 'qwen3:8b'] })
  client = new OllamaClient({ host: sim.url })
  log.lines.length = 0
  manager = new TempModelManager(client, { registry: createMemoryTempModelRegistry(), log })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

/** A temp model Ollama has loaded: the ordinary clean-up keeps it as in use. */
async function loadedTemp(base: string, numCtx: number) {
  const ref = await manager.createTempModel(base, asNumCtx(numCtx))
  sim.load(ref.path)
  return ref
}

describe('clean-up of stale temporary models', () => {
  it('keeps a loaded temp model whose base is unchanged, or was pulled again with the same weights', async () => {
    const temp = await loadedTemp('llama3', 4096)
    sim.repull('llama3')
    const report = await manager.cleanupUnusedTempModels()
    expect(report.deleted).toEqual([])
    expect(report.kept.map((k) => k.name)).toEqual([`${temp.path}:latest`])
    expect(report.freedBytes).toBe(0)
  })

  it('deletes a temp model whose base was pulled again with other weights, even while loaded, and says what it freed', async () => {
    const temp = await loadedTemp('llama3', 4096)
    const oldSize = sim.getModel(temp.path)?.size ?? 0
    sim.repull('llama3', { newWeights: true })
    const report = await manager.cleanupUnusedTempModels()
    expect(report.deleted).toEqual([`${temp.path}:latest`])
    expect(sim.hasModel(temp.path)).toBe(false)
    expect(report.freedBytes).toBe(oldSize)
    const line = log.lines.find((l) => l.message === 'cleaned up temporary models')
    expect(line?.fields).toMatchObject({
      deleted: [`${temp.path}:latest: its base llama3:latest was pulled again with other weights`],
      freed: '4.7 GB',
    })
  })

  it('deletes a temp model whose base was removed, counting shared old weights once', async () => {
    const a = await loadedTemp('qwen3:8b', 4096)
    const b = await manager.createTempModel('qwen3:8b', asNumCtx(8192))
    const weights = sim.getModel(a.path)?.size ?? 0
    sim.removeModel('qwen3:8b')
    const report = await manager.cleanupUnusedTempModels()
    expect(report.deleted.sort()).toEqual([a.path, b.path].sort())
    // Both referenced the same weights blob: freed once, not twice.
    expect(weights).toBeGreaterThan(5e9)
    expect(report.freedBytes).toBe(weights)
  })

  it('keeps a stale temp model a reply of this app is using right now', async () => {
    const temp = await loadedTemp('llama3', 4096)
    const release = manager.acquire(temp.path)
    sim.repull('llama3', { newWeights: true })
    const report = await manager.cleanupUnusedTempModels()
    expect(report.deleted).toEqual([])
    expect(report.kept).toEqual([{ name: `${temp.path}:latest`, reason: 'a chat in ollmchat is using it' }])
    release()
  })

  it('recreates the temp model on the new weights at the next use', async () => {
    const temp = await manager.createTempModel('llama3', asNumCtx(4096))
    const oldBlob = sim.getModel(temp.path)?.weightsDigest
    sim.repull('llama3', { newWeights: true })
    await client.listAll()
    const again = await manager.createTempModel('llama3', asNumCtx(4096))
    expect(again.created).toBe(true)
    expect(sim.getModel(again.path)?.weightsDigest).not.toBe(oldBlob)
    expect(sim.getModel(again.path)?.weightsDigest).toBe(sim.getModel('llama3')?.weightsDigest)
  })
})
