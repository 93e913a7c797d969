// The composition root's own duties: reconnecting when the host setting changes, settings events, and stopping.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../test-support/core-harness'
import { startOllamaSim, type OllamaSim } from '../test-support/ollama-sim'
import { recordFault } from '../test-support/reliability-checks'

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

    const conversation = unwrap(await h.core.dispatch('chats:create', { model: 'mistral:7b' }))
    const turn = unwrap(await h.core.dispatch('chat:send', { requestId: 'r', conversationId: conversation.id, text: 'hi' }))
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
    const conversation = unwrap(await h.core.dispatch('chats:create', { model: 'llama3:latest' }))
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
    expect(h.eventsNamed('ollama:status').filter((s) => s.host === other.url).map((s) => s.state)).toEqual(['checking', 'reachable'])
    await h.sim.faults.up()
  })

  it('stops within the grace period while Ollama stalls a call', async () => {
    h = await startCoreHarness({ start: false, timing: { shutdownGraceMs: 50 } })
    other = await startOllamaSim()
    h.sim.faults.stallNext('/api/tags')
    const listing = h.core.dispatch('models:list', {})
    await h.waitFor(() => h.sim.requestsTo('/api/tags').length === 1)
    await h.restart()
    expect(await listing).toMatchObject({ ok: false, error: { code: 'OLLAMA_UNREACHABLE' } })
    recordFault('stall')
  })
})
