import { beforeEach, describe, expect, it } from 'vitest'
import {
  CancelledError,
  InvalidNumCtxError,
  MalformedResponseError,
  ModelNotFoundError,
  NotApplicableError,
} from '../ollama/errors'
import { TempModelManager } from './temp-model-manager'
import { useManagerSim } from './test-fixtures/manager-sim'
import { asNumCtx } from '../../test-support/num-ctx'

const env = useManagerSim()

const creates = () => env.sim.requestsTo('/api/create', 'POST')

describe('TempModelManager naming', () => {
  it('names temp models as the original plan does', () => {
    expect(env.manager.getTempModelName('llama3', asNumCtx(4096))).toBe('llama3-oc4096')
    expect(env.manager.getTempModelPath('llama3-oc4096')).toBe('ollmchat-temp/llama3-oc4096')
  })
})

describe('createTempModel', () => {
  it('creates the temp model from the exact listed base with num_ctx, and says so before creating', async () => {
    let creating = 0
    const ref = await env.manager.createTempModel('Llama3', asNumCtx(4096), { onCreating: () => creating++ })
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
    expect(env.sim.requestsTo('/api/pull')).toEqual([])
    const made = env.sim.getModel('ollmchat-temp/llama3-oc4096')
    expect(made?.parameters['num_ctx']).toBe(4096)
    expect(made?.parentModel).toBe('llama3:latest')
    expect(env.records().get(ref.path)).toMatchObject({
      baseModel: 'llama3:latest',
      baseDigest: env.sim.getModel('llama3')?.digest,
      numCtx: 4096,
    })
  })

  it('refuses a num_ctx above the base’s trained context without creating anything', async () => {
    const error = await env.manager.createTempModel('llama3', asNumCtx(16384)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidNumCtxError)
    expect((error as Error).message).toMatch(/8,192/)
    expect(creates()).toEqual([])
  })

  it('refuses a base that is not installed, and never sends the create that would pull it', async () => {
    const error = await env.manager.createTempModel('mistral', asNumCtx(4096)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelNotFoundError)
    expect(error).toMatchObject({ model: 'mistral' })
    expect(creates()).toEqual([])
    expect(env.sim.hasModel('mistral')).toBe(false)
  })

  it('refuses cloud bases before any request', async () => {
    env.sim.addModel('gpt-oss:120b-cloud')
    await expect(env.manager.createTempModel('gpt-oss:120b-cloud', asNumCtx(8192))).rejects.toBeInstanceOf(
      NotApplicableError,
    )
    expect(env.sim.requests).toEqual([])
  })

  it('keeps bases apart that differ only in namespace or tag', async () => {
    const plain = await env.manager.createTempModel('llama3', asNumCtx(4096))
    const user = await env.manager.createTempModel('user/llama3', asNumCtx(4096))
    expect(plain.path).not.toBe(user.path)
    expect(user.baseModel).toBe('user/llama3:latest')
    expect(env.sim.getModel(user.path)?.parentModel).toBe('user/llama3:latest')
  })

  it('reuses a known temp model with zero requests', async () => {
    await env.manager.createTempModel('llama3', asNumCtx(4096))
    env.sim.clearRequests()
    let creating = 0
    const again = await env.manager.createTempModel('llama3:latest', asNumCtx(4096), { onCreating: () => creating++ })
    expect(again).toEqual({
      path: 'ollmchat-temp/llama3-oc4096',
      baseModel: 'llama3:latest',
      numCtx: 4096,
      created: false,
    })
    expect(env.sim.requests).toEqual([])
    expect(creating).toBe(0)
  })

  it('sends one create for concurrent calls for the same temp model', async () => {
    const notified: number[] = []
    const refs = await Promise.all(
      [1, 2, 3].map((i) =>
        env.manager.createTempModel('llama3', asNumCtx(8192), { onCreating: () => notified.push(i) }),
      ),
    )
    expect(new Set(refs.map((r) => r.path))).toEqual(new Set(['ollmchat-temp/llama3-oc8192']))
    expect(creates()).toHaveLength(1)
    expect(notified.sort()).toEqual([1, 2, 3])
  })

  it('re-creates the temp model when a listing shows the base was re-pulled', async () => {
    await env.manager.createTempModel('llama3', asNumCtx(4096))
    env.sim.repull('llama3')
    await env.client.models()
    env.sim.clearRequests()
    const ref = await env.manager.createTempModel('llama3', asNumCtx(4096))
    expect(ref.created).toBe(true)
    expect(creates()).toHaveLength(1)
    expect(env.records().get(ref.path)?.baseDigest).toBe(env.sim.getModel('llama3')?.digest)
  })

  it('creates again after invalidate when the temp model vanished', async () => {
    const first = await env.manager.createTempModel('llama3', asNumCtx(4096))
    env.sim.removeModel(first.path)
    env.manager.invalidate(`${first.path}:latest`)
    const second = await env.manager.createTempModel('llama3', asNumCtx(4096))
    expect(second.created).toBe(true)
    expect(env.sim.hasModel(first.path)).toBe(true)
    expect(creates()).toHaveLength(2)
  })

  it("trusts only records of its own host: another Ollama's record neither skips the create nor gets deleted", async () => {
    const elsewhere = env.registry.forHost('http://192.168.1.20:11434')
    const llama3 = env.sim.getModel('llama3')
    elsewhere.set({
      path: 'ollmchat-temp/llama3-oc4096',
      baseModel: 'llama3:latest',
      baseDigest: llama3?.digest ?? '',
      numCtx: asNumCtx(4096),
      createdAt: '2025-01-01T00:00:00.000Z',
    })
    const ref = await env.manager.createTempModel('llama3', asNumCtx(4096))
    expect(ref.created).toBe(true)
    expect(creates()).toHaveLength(1)
    // Clean-up deletes the (unused) temp model here and forgets it: on this host only.
    await env.manager.cleanupUnusedTempModels()
    expect(env.sim.hasModel(ref.path)).toBe(false)
    expect(env.records().all()).toEqual([])
    expect(elsewhere.all().map((record) => record.path)).toEqual(['ollmchat-temp/llama3-oc4096'])
  })

  it('fails with MalformedResponseError when the model is missing right after a reported create', async () => {
    env.sim.faults.failNext('/api/show', 404, "model 'ollmchat-temp/llama3-oc4096:latest' not found")
    await expect(env.manager.createTempModel('llama3', asNumCtx(4096))).rejects.toBeInstanceOf(MalformedResponseError)
    expect(env.records().all()).toEqual([])
  })

  it('lets one caller give up while another still gets the model', async () => {
    env.sim.faults.latency(50)
    const impatient = new AbortController()
    const first = env.manager
      .createTempModel('llama3', asNumCtx(4096), { signal: impatient.signal })
      .catch((e: unknown) => e)
    const second = env.manager.createTempModel('llama3', asNumCtx(4096))
    impatient.abort()
    expect(await first).toBeInstanceOf(CancelledError)
    expect((await second).path).toBe('ollmchat-temp/llama3-oc4096')
    expect(creates()).toHaveLength(1)
  })

  it('drops a create Ollama never answers once every caller gave up and the wait for it ran out', async () => {
    env.manager = new TempModelManager(env.client, { registry: env.registry, abandonedCreateWaitMs: 50 })
    env.sim.faults.stallNext('/api/create')
    const controller = new AbortController()
    const pending = env.manager
      .createTempModel('llama3', asNumCtx(4096), { signal: controller.signal })
      .catch((e: unknown) => e)
    for (let i = 0; i < 400 && creates().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect(await pending).toBeInstanceOf(CancelledError)
    const retry = await env.manager.createTempModel('llama3', asNumCtx(4096))
    expect(retry.created).toBe(true)
  })
})

describe('isTempModelInUse', () => {
  const path = 'ollmchat-temp/llama3-oc4096'

  beforeEach(async () => {
    await env.manager.createTempModel('llama3', asNumCtx(4096))
  })

  it('is false when nothing is loaded and no chat holds it', async () => {
    expect(await env.manager.isTempModelInUse(path)).toBe(false)
    expect(await env.manager.isTempModelInUse('llama3-oc4096')).toBe(false)
  })

  it('is true while a chat of this app holds it, until released', async () => {
    const release = env.manager.acquire(path)
    expect(await env.manager.isTempModelInUse(`${path}:latest`)).toBe(true)
    release()
    release()
    expect(await env.manager.isTempModelInUse(path)).toBe(false)
  })

  it('is true when /api/ps lists it', async () => {
    env.sim.load(path)
    expect(await env.manager.isTempModelInUse(path)).toBe(true)
  })

  it('is true when its base is loaded with the same context (shared runner), false with another context', async () => {
    env.sim.load('llama3', { numCtx: 4096 })
    expect(await env.manager.isTempModelInUse(path)).toBe(true)
    env.sim.unloadAll()
    env.sim.load('llama3', { numCtx: 2048 })
    expect(await env.manager.isTempModelInUse(path)).toBe(false)
  })
})
