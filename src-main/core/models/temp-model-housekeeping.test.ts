import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../test-support/ollama-sim'
import { createMemoryLogger } from '../log'
import { OllamaClient } from '../ollama/client'
import { createTempModelHousekeeping, type TempModelHousekeeping } from './temp-model-housekeeping'
import { TempModelManager } from './temp-model-manager'
import { createMemoryTempModelRegistry, type TempModelRegistry } from './temp-model-registry'
import { TempModelHolds } from './temp-model-usage'

let sim: OllamaSim
let client: OllamaClient
let registry: TempModelRegistry
let holds: TempModelHolds
let manager: TempModelManager
let housekeeping: TempModelHousekeeping
let limit: number
/** The manager's clock: each temporary model below is made (and so last used) a minute after the previous one. */
let clock: number

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'] })
  client = new OllamaClient({ host: sim.url })
  registry = createMemoryTempModelRegistry()
  holds = new TempModelHolds()
  clock = Date.parse('2026-12-01T10:00:00Z')
  manager = new TempModelManager(client, { registry, holds, now: () => new Date(clock) })
  limit = 8
  housekeeping = createTempModelHousekeeping({ client, manager, limit: () => limit, log: createMemoryLogger() })
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

const temps = () => sim.listModelNames().filter((name) => name.startsWith('ollmchat-temp/')).sort()

/** Makes the temporary models of llama3 at these contexts, oldest first, none loaded. */
async function makeTemps(...contexts: number[]): Promise<string[]> {
  const paths: string[] = []
  for (const numCtx of contexts) {
    clock += 60_000
    paths.push((await manager.createTempModel('llama3', numCtx)).path)
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

  it('never removes a model a reply holds, even when it is not loaded', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    const release = manager.acquire(a ?? '')
    limit = 2
    expect(await housekeeping.enforceLimit()).toEqual([`${b}:latest`])
    expect(temps()).toEqual([`${a}:latest`, `${c}:latest`])
    release()
  })

  it('keeps a model a reply took after the limit counted, and removes no more than the excess when asked twice', async () => {
    const [a, b, c] = await makeTemps(2048, 3072, 4096)
    limit = 1
    const blocker = gate()
    const blocked = manager.exclusive(() => blocker.opened)
    const psBefore = sim.requestsTo('/api/ps').length
    const first = housekeeping.enforceLimit()
    const second = housekeeping.enforceLimit()
    // The first has counted (its /api/ps is read) and waits for the pass ahead of it; then a reply takes the oldest.
    while (sim.requestsTo('/api/ps').length === psBefore) await new Promise((resolve) => setTimeout(resolve, 5))
    const release = manager.acquire(a ?? '')
    blocker.open()
    await blocked
    expect(await first).toEqual([`${b}:latest`, `${c}:latest`])
    expect(await second).toEqual([])
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
    const asked = manager.createTempModel('llama3', 2048).then((ref) => {
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

  it('a hold taken through one manager keeps the model from the clean-up of another manager of the same host', async () => {
    const [a, b] = await makeTemps(2048, 3072)
    const otherClient = new OllamaClient({ host: sim.url })
    const other = new TempModelManager(otherClient, { registry, holds })
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
