import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { createMemoryLogger } from '../log'
import { OllamaClient } from '../ollama/client'
import { createTempModelHousekeeping, type TempModelHousekeeping } from './temp-model-housekeeping'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry, type TempModelRegistry } from './temp-model-registry'
import { TempModelGuards } from './temp-model-guard'
import { asNumCtx } from '../../test-support/num-ctx'

let sim: OllamaSim
let client: OllamaClient
let registry: TempModelRegistry
let guards: TempModelGuards
let manager: TempModelManager
let housekeeping: TempModelHousekeeping
let limit: number
/** The manager's clock: each temporary model below is made (and so last used) a minute after the previous one. */
let clock: number

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'] })
  client = new OllamaClient({ host: sim.url })
  registry = createMemoryTempModelRegistry()
  guards = new TempModelGuards()
  clock = Date.parse('2026-12-01T10:00:00Z')
  manager = new TempModelManager(client, { registry, guards, now: () => new Date(clock) })
  limit = 8
  housekeeping = createTempModelHousekeeping({ client, manager, limit: () => limit, log: createMemoryLogger() })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

const temps = () =>
  sim
    .listModelNames()
    .filter((name) => name.startsWith('ollmchat-temp/'))
    .sort()

/** Makes the temporary models of llama3 at these contexts, oldest first, none loaded. */
async function makeTemps(...contexts: number[]): Promise<string[]> {
  const paths: string[] = []
  for (const numCtx of contexts) {
    clock += 60_000
    paths.push((await manager.createTempModel('llama3', asNumCtx(numCtx))).path)
  }
  sim.unloadAll()
  return paths
}

/** A promise and the function that settles it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

describe('enforceLimit', () => {
  it('removes the least recently used first, by time rather than by how the time is written', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    // b was used last (11:30 UTC), written with an offset that sorts before the others as text.
    registry.forHost(client.host).touch(b ?? '', '2026-12-01T09:30:00-02:00')
    limit = 1
    expect(await housekeeping.enforceLimit()).toEqual([a, c].map((path) => `${path}:latest`))
    expect(temps()).toEqual([`${b}:latest`])
  })

  it('within the limit reads only the listing: every create runs it, and /api/ps is not needed to count', async () => {
    await makeTemps(2048, 3072)
    limit = 2
    sim.clearRequests()
    expect(await housekeeping.enforceLimit()).toEqual([])
    expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/tags'])
  })

  it('never removes a model a reply holds, even when it is not loaded', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    const release = manager.acquire(a ?? '')
    limit = 2
    expect(await housekeeping.enforceLimit()).toEqual([`${b}:latest`])
    expect(temps()).toEqual([`${a}:latest`, `${c}:latest`])
    release()
  })

  it('counts what a pass queued ahead of it left, and removes no more than the excess when asked twice', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    limit = 2
    const blocker = gate()
    // A pass ahead deletes the newest: then there are two, which the limit allows.
    const ahead = manager.exclusive(async () => {
      await blocker.opened
      await client.delete(c ?? '')
      manager.invalidate(c ?? '')
    })
    const first = housekeeping.enforceLimit()
    const second = housekeeping.enforceLimit()
    blocker.open()
    await ahead
    expect(await first).toEqual([])
    expect(await second).toEqual([])
    expect(temps()).toEqual([`${a}:latest`, `${b}:latest`])
  })

  it('keeps a model a reply takes while the limit is at work', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    limit = 1
    // The reply takes the oldest once the limit has listed the models (its /api/ps is read), before it deletes.
    const psBefore = sim.requestsTo('/api/ps').length
    let release = () => {}
    const taken = (async () => {
      while (sim.requestsTo('/api/ps').length === psBefore) await new Promise((resolve) => setTimeout(resolve, 1))
      release = manager.acquire(a ?? '')
    })()
    sim.faults.latency(30)
    const deleted = await housekeeping.enforceLimit()
    await taken
    expect(deleted).toEqual([`${b}:latest`, `${c}:latest`])
    expect(temps()).toEqual([`${a}:latest`])
    release()
  })
})

describe('removeAll', () => {
  it('keeps what a reply holds and says why', async () => {
    const [a, b] = await makeTemps(2048, 3072)
    const release = manager.acquire(a ?? '')
    const report = await housekeeping.removeAll()
    expect(report.deleted).toEqual([`${b}:latest`])
    expect(report.kept).toEqual([{ name: `${a}:latest`, reason: 'a chat in ollmchat is using it' }])
    release()
  })
})

describe('deleteBase', () => {
  it('deletes the base with its temporary models, asking again whether it is free once its turn comes', async () => {
    const [a] = await makeTemps(2048)
    const blocker = gate()
    const ahead = manager.exclusive(() => blocker.opened)
    let replying = false
    const deleting = housekeeping.deleteBase('llama3:latest', {
      baseLoaded: false,
      stillFree: () => {
        if (replying) throw new Error('a reply began')
      },
    })
    // A reply begins while the delete waits for the pass ahead: the delete is refused and nothing goes.
    replying = true
    blocker.open()
    await ahead
    await expect(deleting).rejects.toThrow('a reply began')
    expect(sim.hasModel('llama3')).toBe(true)
    expect(temps()).toEqual([`${a}:latest`])

    replying = false
    expect(await housekeeping.deleteBase('llama3:latest', { baseLoaded: false, stillFree: () => {} })).toEqual([
      `${a}:latest`,
    ])
    expect(sim.hasModel('llama3')).toBe(false)
    expect(temps()).toEqual([])
  })
})

describe('deleting passes and new chats', () => {
  it('a chat asking for a model while a pass deletes waits for the pass, then gets it made again', async () => {
    const [a] = await makeTemps(2048)
    const blocker = gate()
    const removing = manager.exclusive(async () => {
      await blocker.opened
      await client.delete(a ?? '')
      manager.invalidate(a ?? '')
    })
    let handed = false
    const asked = manager.createTempModel('llama3', asNumCtx(2048)).then((ref) => {
      handed = true
      return ref
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(handed).toBe(false)
    blocker.open()
    await removing
    // Its record was dropped by the pass, so the model is made again rather than handed out deleted.
    expect(await asked).toMatchObject({ path: a, created: true })
    expect(temps()).toEqual([`${a}:latest`])
  })

  it('a chat waiting for a pass stops waiting when it is stopped', async () => {
    await makeTemps(2048)
    const blocker = gate()
    const pass = manager.exclusive(() => blocker.opened)
    const stop = new AbortController()
    const asked = manager.createTempModel('llama3', asNumCtx(2048), { signal: stop.signal })
    stop.abort()
    await expect(asked).rejects.toMatchObject({ code: 'CANCELLED' })
    blocker.open()
    await pass
  })

  it('a chat of one manager waits for a pass another manager of the same host runs', async () => {
    const [a] = await makeTemps(2048)
    const otherClient = new OllamaClient({ host: sim.url })
    const other = new TempModelManager(otherClient, { registry, guards })
    const blocker = gate()
    const removing = other.exclusive(async () => {
      await blocker.opened
      await otherClient.delete(a ?? '')
      other.invalidate(a ?? '')
    })
    const asked = manager.createTempModel('llama3', asNumCtx(2048))
    blocker.open()
    await removing
    expect(await asked).toMatchObject({ path: a, created: true })
    expect(temps()).toEqual([`${a}:latest`])
    await otherClient.close()
  })

  it('a clean-up stopped during a delete forgets the model, which may be gone: the next chat makes it again', async () => {
    const [a] = await makeTemps(2048)
    sim.faults.stallNext('/api/delete')
    const stop = new AbortController()
    const deletes = sim.requestsTo('/api/delete').length
    const pass = manager.cleanupUnusedTempModels({ signal: stop.signal })
    while (sim.requestsTo('/api/delete').length === deletes) await new Promise((resolve) => setTimeout(resolve, 2))
    stop.abort()
    await expect(pass).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(registry.forHost(client.host).get(a ?? '')).toBeUndefined()
    expect(await manager.createTempModel('llama3', asNumCtx(2048))).toMatchObject({ path: a, created: true })
  })

  it('the clean-up while the app is open keeps an unloaded model a reply used recently', async () => {
    const [a, b] = await makeTemps(2048, 3072)
    clock += 3 * 60 * 60 * 1000
    manager.acquire(b ?? '')()
    const report = await manager.cleanupUnusedTempModels({ keepUsedSince: new Date(clock - 60 * 60 * 1000) })
    expect(report.deleted).toEqual([`${a}:latest`])
    expect(report.kept).toEqual([{ name: `${b}:latest`, reason: 'used recently; kept for the next chat' }])
  })

  it('a hold taken through one manager keeps the model from the clean-up of another manager of the same host', async () => {
    const [a, b] = await makeTemps(2048, 3072)
    const otherClient = new OllamaClient({ host: sim.url })
    const other = new TempModelManager(otherClient, { registry, guards })
    const release = manager.acquire(a ?? '')
    const report = await other.cleanupUnusedTempModels()
    expect(report.deleted).toEqual([`${b}:latest`])
    expect(report.kept.map((kept) => kept.name)).toEqual([`${a}:latest`])
    release()
    await otherClient.close()
  })

  it('records when a reply last used a model at its end, not before its first token', async () => {
    const [a] = await makeTemps(2048)
    const before = registry.forHost(client.host).get(a ?? '')?.lastUsedAt
    clock += 60_000
    const release = manager.acquire(a ?? '')
    expect(registry.forHost(client.host).get(a ?? '')?.lastUsedAt).toBe(before)
    release()
    expect(registry.forHost(client.host).get(a ?? '')?.lastUsedAt).toBe(new Date(clock).toISOString())
  })
})
