// Work that lists a host, then acts on it (the clean-ups, a model listing) finishes on that host when the user
// switches hosts in between: it holds that host's client, which the switch closes only after it. The real core,
// two simulators on real sockets; each host's calls are slowed so the switch lands between two of them.
import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000
const LEFTOVERS = ['ollmchat-temp/leftover-oc2048', 'ollmchat-temp/leftover-oc4096', 'ollmchat-temp/leftover-oc8192']

describe('a host switch between a listing and what follows it', () => {
  let h: CoreHarness
  let second: OllamaSim
  afterEach(async () => {
    await h.close()
    await second.close()
  })

  /** A core on the first host with its start-up clean-up done, and the second host ready to switch to. */
  const start = async (idleCleanupMs?: number) => {
    h = await startCoreHarness({
      sim: { models: ['llama3'], reply: 'ok' },
      ...(idleCleanupMs === undefined ? {} : { timing: { idleCleanupMs } }),
    })
    second = await startOllamaSim({ models: ['llama3'], reply: 'ok' })
    await h.waitFor(() => h.log.lines.some((line) => line.message === 'no temporary models to clean up'))
  }
  const switchToSecond = async () => unwrap(await h.core.dispatch('settings:update', { ollamaHost: second.url }))
  const leftoversOnFirst = () => LEFTOVERS.filter((name) => h.sim.hasModel(name))

  it('lets the idle clean-up delete on the host it listed', async () => {
    await start(100)
    for (const name of LEFTOVERS) h.sim.addModel(name, { ageMs: TWO_DAYS_MS })
    // A reply's end starts the idle time; the clean-up runs once it has passed.
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3' }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'r1', conversationId: conversation.id, text: 'hi' }))
    h.sim.clearRequests()
    h.sim.faults.latency(150)

    // `/api/ps` is the clean-up's last read before its deletes.
    await h.waitFor(() => h.sim.requestsTo('/api/ps').length === 1)
    await switchToSecond()
    await h.waitFor(() => h.log.lines.some((line) => line.message === 'cleaned up unused temporary models while idle'))

    expect(leftoversOnFirst()).toEqual([])
    expect(h.log.lines.filter((line) => line.message === 'the idle clean-up of temporary models did not run')).toEqual(
      [],
    )
    expect(second.requestsTo('/api/delete')).toHaveLength(0)
  })

  it('lets a lowered limit on temporary models delete on the host it listed', async () => {
    await start()
    for (const name of LEFTOVERS) h.sim.addModel(name, { ageMs: TWO_DAYS_MS })
    h.sim.clearRequests()
    h.sim.faults.latency(150)

    unwrap(await h.core.dispatch('settings:update', { tempModelLimit: 1 }))
    // `/api/ps` is read only once some must go: the last read before the deletes.
    await h.waitFor(() => h.sim.requestsTo('/api/ps').length === 1)
    await switchToSecond()
    await h.waitFor(() =>
      h.log.lines.some((line) => line.message === 'removed the least recently used temporary models over the limit'),
    )

    expect(leftoversOnFirst()).toHaveLength(1)
    expect(h.log.lines.filter((line) => line.message === 'could not apply the new limit on temporary models')).toEqual(
      [],
    )
    expect(second.requestsTo('/api/delete')).toHaveLength(0)
  })

  it('finishes a window’s model listing on its host, and a refresh after the switch reads the new host', async () => {
    await start()
    second.addModel('qwen3:8b')
    h.sim.clearRequests()
    h.sim.faults.latency(150)

    const before = h.core.dispatch('models:refresh', {})
    // A first listing reads each model's details (`/api/show`) after `/api/ps`: the switch lands between them.
    await h.waitFor(() => h.sim.requestsTo('/api/ps').length === 1)
    await switchToSecond()
    const listing = unwrap(await h.core.dispatch('models:list', {}))
    // The new host's start-up clean-up lists it too: counted once it is done.
    await h.waitFor(() => h.log.lines.filter((line) => line.message === 'no temporary models to clean up').length === 2)
    const listingsOfSecond = second.requestsTo('/api/tags').length
    const after = unwrap(await h.core.dispatch('models:refresh', {}))

    expect(unwrap(await before)).toEqual({ changed: false })
    expect(h.sim.requestsTo('/api/show')).toHaveLength(1)
    expect(listing.models.map((model) => model.name)).toEqual(['llama3:latest', 'qwen3:8b'])
    // Not joined to the first host's read: the second host was asked again, and nothing changed since its listing.
    expect(second.requestsTo('/api/tags')).toHaveLength(listingsOfSecond + 1)
    expect(after).toEqual({ changed: false })
  })
})
