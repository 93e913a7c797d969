// The composition root's own duties: no I/O until opened, reconnecting when the host setting changes, settings
// events, and stopping.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../test-support/core-harness'
import { startOllamaSim, type OllamaSim } from '../../tools/ollama-sim/index'
import { recordFault } from '../test-support/reliability-checks'
import { createMemoryStore } from '../test-support/fake-core'
import { createCore } from './app-core'
import type { Core } from './core-types'
import { createMemoryLogger } from './log'

describe('createCore before it is opened', () => {
  let sim: OllamaSim
  let parent: string
  let core: Core | undefined
  afterEach(async () => {
    await core?.stop()
    await sim.close()
    rmSync(parent, { recursive: true, force: true })
  })

  const build = async () => {
    sim = await startOllamaSim({ models: ['llama3'] })
    parent = mkdtempSync(join(tmpdir(), 'ollmchat-lazy-'))
    const dataDir = join(parent, 'not-yet')
    const log = createMemoryLogger()
    // Options stored without a host by an older version: moving them under the host is a start-up write.
    const settings = createMemoryStore({ modelOptions: { 'llama3:latest': { numCtx: 4096 } } })
    core = createCore({ dataDir, settings, mode: 'browser', version: '0.0.0-test', env: { OLLAMA_HOST: sim.url }, log })
    return { core, dataDir, settings, log }
  }

  it('touches no file and no setting, sends nothing to Ollama and logs nothing while it is built; start opens it', async () => {
    const { core, dataDir, settings, log } = await build()
    expect(existsSync(dataDir)).toBe(false)
    expect([...settings.data.keys()]).toEqual(['modelOptions'])
    expect(sim.requests).toEqual([])
    expect(log.lines).toEqual([])

    core.start()
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(true)
    expect([...settings.data.keys()]).toEqual(['hostModelOptions'])
    await expect.poll(() => sim.requestsTo('/api/version').length).toBeGreaterThan(0)
  })

  it('opens on its first request without starting the background work', async () => {
    const { core, dataDir } = await build()
    expect(unwrap(await core.dispatch('conversations:list', {})).conversations).toEqual([])
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(true)
    expect(sim.requests).toEqual([])
  })

  it('stops without ever creating its data folder when it was never opened', async () => {
    const { core, dataDir } = await build()
    await core.stop()
    expect(existsSync(dataDir)).toBe(false)
  })
})

describe('createCore', () => {
  let h: CoreHarness
  let other: OllamaSim
  afterEach(async () => {
    await h.close()
    await other.close()
  })

  it('talks to the new host after the Ollama host setting changes, and cleans up there too', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'] } })
    other = await startOllamaSim({ models: ['mistral:7b', 'ollmchat-temp/mistral-oc2048'] })
    await h.waitFor(() => h.eventsNamed('ollama:status').some((s) => s.state === 'reachable'))

    const settings = unwrap(await h.core.dispatch('settings:update', { ollamaHost: other.url }))
    expect(settings.ollamaHost).toBe(other.url)
    await h.waitFor(() => h.eventsNamed('ollama:status').some((s) => s.host === other.url && s.state === 'reachable'))
    expect(unwrap(await h.core.dispatch('models:list', {})).models.map((m) => m.name)).toEqual(['mistral:7b'])
    await h.waitFor(() => !other.hasModel('ollmchat-temp/mistral-oc2048'))

    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'mistral:7b' }))
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'r', conversationId: conversation.id, text: 'hi' }),
    )
    expect(turn.assistantMessage.status).toBe('complete')
    expect(other.requestsTo('/api/chat', 'POST')).toHaveLength(1)
    expect(h.sim.requestsTo('/api/chat', 'POST')).toHaveLength(0)
  })

  it('refuses an unusable host and keeps the old one; tells every window about a theme change', async () => {
    h = await startCoreHarness()
    other = await startOllamaSim()
    const refused = await h.core.dispatch('settings:update', { ollamaHost: 'ftp://example.com' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(unwrap(await h.core.dispatch('ollama:getStatus', {})).host).toBe(h.sim.url)
    unwrap(await h.core.dispatch('settings:update', { theme: 'dark' }))
    expect(h.eventsNamed('settings:theme')).toEqual([{ theme: 'dark' }])
  })

  it('does not mark the new host unreachable when a reply on the old host fails after the change', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'] } })
    other = await startOllamaSim({ models: ['llama3'] })
    await h.waitFor(() => h.eventsNamed('ollama:status').some((s) => s.state === 'reachable'))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    h.sim.faults.stallNext('/api/chat')
    const pending = h.core.dispatch('chat:send', { requestId: 'old-host', conversationId: conversation.id, text: 'hi' })
    await h.waitFor(() => h.sim.requestsTo('/api/chat', 'POST').length === 1)

    unwrap(await h.core.dispatch('settings:update', { ollamaHost: other.url }))
    await h.waitFor(() => h.eventsNamed('ollama:status').some((s) => s.host === other.url && s.state === 'reachable'))
    // The old Ollama goes away under the stalled reply: the reply fails as unreachable, about the old host.
    await h.sim.faults.down()
    const turn = unwrap(await pending)
    expect(turn.assistantMessage.error?.code).toBe('OLLAMA_UNREACHABLE')
    expect(unwrap(await h.core.dispatch('ollama:getStatus', {}))).toMatchObject({ host: other.url, state: 'reachable' })
    expect(
      h
        .eventsNamed('ollama:status')
        .filter((s) => s.host === other.url)
        .map((s) => s.state),
    ).toEqual(['checking', 'reachable'])
    await h.sim.faults.up()
  })

  it('finishes a reply on the host it began on when the host changes between its calls (model created, then chat)', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'from the first host' } })
    other = await startOllamaSim({ models: ['llama3'], reply: 'from the second host' })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    // Slow enough that the switch lands while the temporary model is being created.
    h.sim.faults.latency(200)
    const pending = h.core.dispatch('chat:send', {
      requestId: 'spans-switch',
      conversationId: conversation.id,
      text: 'hi',
    })
    await h.waitFor(() => h.eventsNamed('chat:progress').some((progress) => progress.phase === 'preparing-model'))

    unwrap(await h.core.dispatch('settings:update', { ollamaHost: other.url }))
    const turn = unwrap(await pending)
    expect(turn.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'from the first host',
      servedBy: 'ollmchat-temp/llama3-oc4096',
    })
    expect(h.sim.requestsTo('/api/chat', 'POST')).toHaveLength(1)
    expect(other.requestsTo('/api/chat', 'POST')).toHaveLength(0)
  })

  it('stops within the grace period while Ollama stalls a call', async () => {
    recordFault('stall')
    h = await startCoreHarness({ start: false, timing: { shutdownGraceMs: 50 } })
    other = await startOllamaSim()
    h.sim.faults.stallNext('/api/tags')
    const listing = h.core.dispatch('models:list', {})
    await h.waitFor(() => h.sim.requestsTo('/api/tags').length === 1)
    await h.restart()
    expect(await listing).toMatchObject({ ok: false, error: { code: 'OLLAMA_UNREACHABLE' } })
  })
})
