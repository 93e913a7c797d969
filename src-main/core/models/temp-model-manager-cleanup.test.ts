import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OllamaSim } from '../../../tools/ollama-sim/index'
import { createMemoryLogger } from '../log'
import { OllamaClient, type CallOptions } from '../ollama/client'
import { TempModelManager } from './temp-model-manager'
import type { TempModelRegistry } from './temp-model-registry'
import { startManagerSim, type ManagerSim } from './test-fixtures/manager-sim'
import { asNumCtx } from '../../test-support/num-ctx'

// The clean-up as the manager runs it; creating and holding temporary models are in temp-model-manager.test.ts.
let env: ManagerSim
let sim: OllamaSim
let client: OllamaClient
let registry: TempModelRegistry
let manager: TempModelManager
/** The records of the simulator's host, which are the ones the manager under test uses. */
const records = () => registry.forHost(client.host)

beforeEach(async () => {
  env = await startManagerSim()
  ;({ sim, client, registry, manager } = env)
})
afterEach(() => env.close())

describe('cleanupUnusedTempModels', () => {
  it('deletes unused temp models, keeps loaded and held ones, and never touches other models', async () => {
    const log = createMemoryLogger()
    manager = new TempModelManager(client, { registry, log })
    const unused = await manager.createTempModel('llama3', asNumCtx(4096))
    const loaded = await manager.createTempModel('llama3', asNumCtx(2048))
    const held = await manager.createTempModel('qwen3:8b', asNumCtx(8192))
    const sharesRunner = await manager.createTempModel('user/llama3', asNumCtx(4096))
    sim.addModel('ollmchat-temp/someone/else:latest-ctx64K')
    sim.load(loaded.path)
    sim.load('user/llama3', { numCtx: 4096 })
    manager.acquire(held.path)
    const others = sim.listModelNames().filter((n) => !n.toLowerCase().startsWith('ollmchat-temp/'))

    const report = await manager.cleanupUnusedTempModels()

    expect(report.deleted.sort()).toEqual([`${unused.path}:latest`, 'ollmchat-temp/someone/else:latest-ctx64K'].sort())
    expect(report.kept.map((k) => k.name).sort()).toEqual(
      [`${loaded.path}:latest`, held.path, sharesRunner.path].sort(),
    )
    expect(report.failed).toEqual([])
    expect(sim.hasModel(unused.path)).toBe(false)
    for (const name of others) expect(sim.hasModel(name)).toBe(true)
    for (const request of sim.requestsTo('/api/delete')) {
      expect(String((request.body as { name?: string }).name).startsWith('ollmchat-temp/')).toBe(true)
    }
    expect(records().get(unused.path)).toBeUndefined()
    expect(records().get(loaded.path)).toBeDefined()
    expect(log.lines.some((l) => l.message === 'cleaned up temporary models')).toBe(true)
  })

  it('does not read /api/ps when there are no temp models', async () => {
    const report = await manager.cleanupUnusedTempModels()
    expect(report).toEqual({ deleted: [], kept: [], failed: [], freedBytes: 0 })
    expect(sim.requestsTo('/api/ps')).toEqual([])
  })

  it('counts a 404 on delete as already gone and reports other failures per model', async () => {
    sim.addModel('ollmchat-temp/a-oc4096')
    sim.addModel('ollmchat-temp/b-oc4096')
    manager = new TempModelManager(client, { registry, cleanupConcurrency: 1 })
    sim.faults.failNext('/api/delete', 404, "model 'x' not found")
    const first = await manager.cleanupUnusedTempModels()
    // The faked 404 leaves that model in place, as if another instance had deleted (and someone re-made) it.
    expect(first.deleted.sort()).toEqual(['ollmchat-temp/a-oc4096:latest', 'ollmchat-temp/b-oc4096:latest'])
    expect(first.failed).toEqual([])
    expect(sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/'))).toHaveLength(1)
    sim.faults.failNext('/api/delete', 500, 'permission denied')
    const second = await manager.cleanupUnusedTempModels()
    expect(second.failed).toEqual([
      {
        name: expect.stringMatching(/^ollmchat-temp\//) as unknown,
        error: expect.stringMatching(/permission denied/) as unknown,
      },
    ])
  })

  it('keeps at most cleanupConcurrency deletes in flight', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) sim.addModel(`ollmchat-temp/${name}-oc4096`)
    let inFlight = 0
    let most = 0
    class CountingClient extends OllamaClient {
      override async delete(model: string, opts?: CallOptions): Promise<boolean> {
        inFlight++
        most = Math.max(most, inFlight)
        try {
          return await super.delete(model, opts)
        } finally {
          inFlight--
        }
      }
    }
    const counting = new CountingClient({ host: sim.url })
    sim.faults.latency(20)
    const report = await new TempModelManager(counting, { cleanupConcurrency: 2 }).cleanupUnusedTempModels()
    expect(report.deleted).toHaveLength(6)
    expect(most).toBe(2)
    await counting.close()
  })
})

describe('cleanupWhenReachable', () => {
  it('retries while Ollama is down and cleans up once it is back', async () => {
    sim.addModel('ollmchat-temp/a-oc4096')
    const log = createMemoryLogger()
    manager = new TempModelManager(client, { registry, log, retryDelaysMs: [10, 20] })
    await sim.faults.down()
    const pending = manager.cleanupWhenReachable()
    const waiting = () => log.lines.filter((l) => l.message.includes('clean-up will run once it is'))
    for (let i = 0; i < 400 && waiting().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    // Several retries go by (10 ms, then every 20 ms) and the log says so only once.
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(waiting()).toHaveLength(1)
    expect(sim.hasModel('ollmchat-temp/a-oc4096')).toBe(true)
    await sim.faults.up()
    const report = await pending
    expect(report.deleted).toEqual(['ollmchat-temp/a-oc4096:latest'])
    expect(sim.hasModel('ollmchat-temp/a-oc4096')).toBe(false)
  })

  it('stops quietly when cancelled, and reports other failures without throwing', async () => {
    await sim.faults.down()
    const controller = new AbortController()
    manager = new TempModelManager(client, { retryDelaysMs: [10_000] })
    const pending = manager.cleanupWhenReachable({ signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    expect(await pending).toEqual({ deleted: [], kept: [], failed: [], freedBytes: 0 })
    await sim.faults.up()
    sim.faults.failNext('/api/tags', 500, 'broken')
    const failed = await manager.cleanupWhenReachable()
    expect(failed.failed).toEqual([{ name: '', error: expect.stringMatching(/broken/) as unknown }])
  })
})
