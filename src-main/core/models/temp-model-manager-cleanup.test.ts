import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { OllamaClient, type CallOptions } from '../ollama/client'
import { TempModelManager } from './temp-model-manager'
import { useManagerSim } from './test-fixtures/manager-sim'
import { asNumCtx } from '../../test-support/num-ctx'

// The clean-up as the manager runs it; creating and holding temporary models are in temp-model-manager.test.ts.
const env = useManagerSim()

describe('cleanupUnusedTempModels', () => {
  it('deletes unused temp models, keeps loaded and held ones, and never touches other models', async () => {
    const log = createMemoryLogger()
    env.manager = new TempModelManager(env.client, { registry: env.registry, log })
    const unused = await env.manager.createTempModel('llama3', asNumCtx(4096))
    const loaded = await env.manager.createTempModel('llama3', asNumCtx(2048))
    const held = await env.manager.createTempModel('qwen3:8b', asNumCtx(8192))
    const sharesRunner = await env.manager.createTempModel('user/llama3', asNumCtx(4096))
    env.sim.addModel('ollmchat-temp/someone/else:latest-ctx64K')
    env.sim.load(loaded.path)
    env.sim.load('user/llama3', { numCtx: 4096 })
    env.manager.acquire(held.path)
    const others = env.sim.listModelNames().filter((n) => !n.toLowerCase().startsWith('ollmchat-temp/'))

    const report = await env.manager.cleanupUnusedTempModels()

    expect(report.deleted.sort()).toEqual([`${unused.path}:latest`, 'ollmchat-temp/someone/else:latest-ctx64K'].sort())
    expect(report.kept.map((k) => k.name).sort()).toEqual(
      [`${loaded.path}:latest`, held.path, sharesRunner.path].sort(),
    )
    expect(report.failed).toEqual([])
    expect(env.sim.hasModel(unused.path)).toBe(false)
    for (const name of others) expect(env.sim.hasModel(name)).toBe(true)
    for (const request of env.sim.requestsTo('/api/delete')) {
      expect(String((request.body as { name?: string }).name).startsWith('ollmchat-temp/')).toBe(true)
    }
    expect(env.records().get(unused.path)).toBeUndefined()
    expect(env.records().get(loaded.path)).toBeDefined()
    expect(log.lines.some((l) => l.message === 'cleaned up temporary models')).toBe(true)
  })

  it('does not read /api/ps when there are no temp models', async () => {
    const report = await env.manager.cleanupUnusedTempModels()
    expect(report).toEqual({ deleted: [], kept: [], failed: [], freedBytes: 0 })
    expect(env.sim.requestsTo('/api/ps')).toEqual([])
  })

  it('counts a 404 on delete as already gone and reports other failures per model', async () => {
    env.sim.addModel('ollmchat-temp/a-oc4096')
    env.sim.addModel('ollmchat-temp/b-oc4096')
    env.manager = new TempModelManager(env.client, { registry: env.registry, cleanupConcurrency: 1 })
    env.sim.faults.failNext('/api/delete', 404, "model 'x' not found")
    const first = await env.manager.cleanupUnusedTempModels()
    // The faked 404 leaves that model in place, as if another instance had deleted (and someone re-made) it.
    expect(first.deleted.sort()).toEqual(['ollmchat-temp/a-oc4096:latest', 'ollmchat-temp/b-oc4096:latest'])
    expect(first.failed).toEqual([])
    expect(env.sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/'))).toHaveLength(1)
    env.sim.faults.failNext('/api/delete', 500, 'permission denied')
    const second = await env.manager.cleanupUnusedTempModels()
    expect(second.failed).toEqual([
      {
        name: expect.stringMatching(/^ollmchat-temp\//) as unknown,
        error: expect.stringMatching(/permission denied/) as unknown,
      },
    ])
  })

  it('keeps at most cleanupConcurrency deletes in flight', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) env.sim.addModel(`ollmchat-temp/${name}-oc4096`)
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
    const counting = new CountingClient({ host: env.sim.url })
    env.sim.faults.latency(20)
    const report = await new TempModelManager(counting, { cleanupConcurrency: 2 }).cleanupUnusedTempModels()
    expect(report.deleted).toHaveLength(6)
    expect(most).toBe(2)
    await counting.close()
  })
})

describe('cleanupWhenReachable', () => {
  it('retries while Ollama is down and cleans up once it is back', async () => {
    env.sim.addModel('ollmchat-temp/a-oc4096')
    const log = createMemoryLogger()
    env.manager = new TempModelManager(env.client, { registry: env.registry, log, retryDelaysMs: [10, 20] })
    await env.sim.faults.down()
    const pending = env.manager.cleanupWhenReachable()
    const waiting = () => log.lines.filter((l) => l.message.includes('clean-up will run once it is'))
    for (let i = 0; i < 400 && waiting().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    // Several retries go by (10 ms, then every 20 ms) and the log says so only once.
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(waiting()).toHaveLength(1)
    expect(env.sim.hasModel('ollmchat-temp/a-oc4096')).toBe(true)
    await env.sim.faults.up()
    const report = await pending
    expect(report.deleted).toEqual(['ollmchat-temp/a-oc4096:latest'])
    expect(env.sim.hasModel('ollmchat-temp/a-oc4096')).toBe(false)
  })

  it('stops quietly when cancelled, and reports other failures without throwing', async () => {
    await env.sim.faults.down()
    const controller = new AbortController()
    env.manager = new TempModelManager(env.client, { retryDelaysMs: [10_000] })
    const pending = env.manager.cleanupWhenReachable({ signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    expect(await pending).toEqual({ deleted: [], kept: [], failed: [], freedBytes: 0 })
    await env.sim.faults.up()
    env.sim.faults.failNext('/api/tags', 500, 'broken')
    const failed = await env.manager.cleanupWhenReachable()
    expect(failed.failed).toEqual([{ name: '', error: expect.stringMatching(/broken/) as unknown }])
  })
})
