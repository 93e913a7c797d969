import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { createMemoryLogger } from '../log'
import { OllamaClient, type CallOptions } from '../ollama/client'
import {
  CancelledError,
  InvalidNumCtxError,
  MalformedResponseError,
  ModelNotFoundError,
  NotApplicableError,
} from '../ollama/errors'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry, type TempModelRegistry } from './temp-model-registry'
import { asNumCtx } from '../../test-support/num-ctx'

let sim: OllamaSim
let client: OllamaClient
let registry: TempModelRegistry
let manager: TempModelManager
/** The records of the simulator's host, which are the ones the manager under test uses. */
const records = () => registry.forHost(client.host)

beforeEach(async () => {
  sim = await startOllamaSim({
    models: [
      'llama3',
      { name: 'qwen3:8b', capabilities: ['completion', 'thinking'], contextLength: 40960 },
      'user/llama3',
    ],
  })
  client = new OllamaClient({ host: sim.url })
  registry = createMemoryTempModelRegistry()
  manager = new TempModelManager(client, { registry })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

const creates = () => sim.requestsTo('/api/create', 'POST')

describe('TempModelManager naming', () => {
  it('names temp models as the original plan does', () => {
    expect(manager.getTempModelName('llama3', asNumCtx(4096))).toBe('llama3-oc4096')
    expect(manager.getTempModelPath('llama3-oc4096')).toBe('ollmchat-temp/llama3-oc4096')
  })
})

describe('createTempModel', () => {
  it('creates the temp model from the exact listed base with num_ctx, and says so before creating', async () => {
    let creating = 0
    const ref = await manager.createTempModel('Llama3', asNumCtx(4096), { onCreating: () => creating++ })
    expect(ref).toEqual({
      path: 'ollmchat-temp/llama3-oc4096',
      baseModel: 'llama3:latest',
      numCtx: 4096,
      created: true,
    })
    expect(creating).toBe(1)
    expect(creates().map((r) => r.body)).toEqual([
      { model: 'ollmchat-temp/llama3-oc4096', from: 'llama3:latest', parameters: { num_ctx: 4096 }, stream: false },
    ])
    expect(sim.requestsTo('/api/pull')).toEqual([])
    const made = sim.getModel('ollmchat-temp/llama3-oc4096')
    expect(made?.parameters['num_ctx']).toBe(4096)
    expect(made?.parentModel).toBe('llama3:latest')
    expect(records().get(ref.path)).toMatchObject({
      baseModel: 'llama3:latest',
      baseDigest: sim.getModel('llama3')?.digest,
      numCtx: 4096,
    })
  })

  it('refuses a num_ctx above the base’s trained context without creating anything', async () => {
    const error = await manager.createTempModel('llama3', asNumCtx(16384)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidNumCtxError)
    expect((error as Error).message).toMatch(/8,192/)
    expect(creates()).toEqual([])
  })

  it('refuses a base that is not installed, and never sends the create that would pull it', async () => {
    const error = await manager.createTempModel('mistral', asNumCtx(4096)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ model: 'mistral' })
    expect(creates()).toEqual([])
    expect(sim.hasModel('mistral')).toBe(false)
  })

  it('refuses cloud bases before any request', async () => {
    sim.addModel('gpt-oss:120b-cloud')
    await expect(manager.createTempModel('gpt-oss:120b-cloud', asNumCtx(8192))).rejects.toBeInstanceOf(
      NotApplicableError,
    )
    expect(sim.requests).toEqual([])
  })

  it('keeps bases apart that differ only in namespace or tag', async () => {
    const plain = await manager.createTempModel('llama3', asNumCtx(4096))
    const user = await manager.createTempModel('user/llama3', asNumCtx(4096))
    expect(plain.path).not.toBe(user.path)
    expect(user.baseModel).toBe('user/llama3:latest')
    expect(sim.getModel(user.path)?.parentModel).toBe('user/llama3:latest')
  })

  it('reuses a known temp model with zero requests', async () => {
    await manager.createTempModel('llama3', asNumCtx(4096))
    sim.clearRequests()
    let creating = 0
    const again = await manager.createTempModel('llama3:latest', asNumCtx(4096), { onCreating: () => creating++ })
    expect(again).toEqual({
      path: 'ollmchat-temp/llama3-oc4096',
      baseModel: 'llama3:latest',
      numCtx: 4096,
      created: false,
    })
    expect(sim.requests).toEqual([])
    expect(creating).toBe(0)
  })

  it('sends one create for concurrent calls for the same temp model', async () => {
    const notified: number[] = []
    const refs = await Promise.all(
      [1, 2, 3].map((i) => manager.createTempModel('llama3', asNumCtx(8192), { onCreating: () => notified.push(i) })),
    )
    expect(new Set(refs.map((r) => r.path))).toEqual(new Set(['ollmchat-temp/llama3-oc8192']))
    expect(creates()).toHaveLength(1)
    expect(notified.sort()).toEqual([1, 2, 3])
  })

  it('re-creates the temp model when a listing shows the base was re-pulled', async () => {
    await manager.createTempModel('llama3', asNumCtx(4096))
    sim.repull('llama3')
    await client.models()
    sim.clearRequests()
    const ref = await manager.createTempModel('llama3', asNumCtx(4096))
    expect(ref.created).toBe(true)
    expect(creates()).toHaveLength(1)
    expect(records().get(ref.path)?.baseDigest).toBe(sim.getModel('llama3')?.digest)
  })

  it('creates again after invalidate when the temp model vanished', async () => {
    const first = await manager.createTempModel('llama3', asNumCtx(4096))
    sim.removeModel(first.path)
    manager.invalidate(`${first.path}:latest`)
    const second = await manager.createTempModel('llama3', asNumCtx(4096))
    expect(second.created).toBe(true)
    expect(sim.hasModel(first.path)).toBe(true)
    expect(creates()).toHaveLength(2)
  })

  it("trusts only records of its own host: another Ollama's record neither skips the create nor gets deleted", async () => {
    const elsewhere = registry.forHost('http://192.168.1.20:11434')
    const llama3 = sim.getModel('llama3')
    elsewhere.set({
      path: 'ollmchat-temp/llama3-oc4096',
      baseModel: 'llama3:latest',
      baseDigest: llama3?.digest ?? '',
      numCtx: asNumCtx(4096),
      createdAt: '2025-01-01T00:00:00.000Z',
    })
    const ref = await manager.createTempModel('llama3', asNumCtx(4096))
    expect(ref.created).toBe(true)
    expect(creates()).toHaveLength(1)
    // Clean-up deletes the (unused) temp model here and forgets it: on this host only.
    await manager.cleanupUnusedTempModels()
    expect(sim.hasModel(ref.path)).toBe(false)
    expect(records().all()).toEqual([])
    expect(elsewhere.all().map((record) => record.path)).toEqual(['ollmchat-temp/llama3-oc4096'])
  })

  it('fails with MalformedResponseError when the model is missing right after a reported create', async () => {
    sim.faults.failNext('/api/show', 404, "model 'ollmchat-temp/llama3-oc4096:latest' not found")
    await expect(manager.createTempModel('llama3', asNumCtx(4096))).rejects.toBeInstanceOf(MalformedResponseError)
    expect(records().all()).toEqual([])
  })

  it('lets one caller give up while another still gets the model', async () => {
    sim.faults.latency(50)
    const impatient = new AbortController()
    const first = manager
      .createTempModel('llama3', asNumCtx(4096), { signal: impatient.signal })
      .catch((e: unknown) => e)
    const second = manager.createTempModel('llama3', asNumCtx(4096))
    impatient.abort()
    expect(await first).toBeInstanceOf(CancelledError)
    expect((await second).path).toBe('ollmchat-temp/llama3-oc4096')
    expect(creates()).toHaveLength(1)
  })

  it('drops a create Ollama never answers once every caller gave up and the wait for it ran out', async () => {
    manager = new TempModelManager(client, { registry, abandonedCreateWaitMs: 50 })
    sim.faults.stallNext('/api/create')
    const controller = new AbortController()
    const pending = manager
      .createTempModel('llama3', asNumCtx(4096), { signal: controller.signal })
      .catch((e: unknown) => e)
    for (let i = 0; i < 400 && creates().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect(await pending).toBeInstanceOf(CancelledError)
    const retry = await manager.createTempModel('llama3', asNumCtx(4096))
    expect(retry.created).toBe(true)
  })
})

describe('isTempModelInUse', () => {
  const path = 'ollmchat-temp/llama3-oc4096'

  beforeEach(async () => {
    await manager.createTempModel('llama3', asNumCtx(4096))
  })

  it('is false when nothing is loaded and no chat holds it', async () => {
    expect(await manager.isTempModelInUse(path)).toBe(false)
    expect(await manager.isTempModelInUse('llama3-oc4096')).toBe(false)
  })

  it('is true while a chat of this app holds it, until released', async () => {
    const release = manager.acquire(path)
    expect(await manager.isTempModelInUse(`${path}:latest`)).toBe(true)
    release()
    release()
    expect(await manager.isTempModelInUse(path)).toBe(false)
  })

  it('is true when /api/ps lists it', async () => {
    sim.load(path)
    expect(await manager.isTempModelInUse(path)).toBe(true)
  })

  it('is true when its base is loaded with the same context (shared runner), false with another context', async () => {
    sim.load('llama3', { numCtx: 4096 })
    expect(await manager.isTempModelInUse(path)).toBe(true)
    sim.unloadAll()
    sim.load('llama3', { numCtx: 2048 })
    expect(await manager.isTempModelInUse(path)).toBe(false)
  })
})

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
