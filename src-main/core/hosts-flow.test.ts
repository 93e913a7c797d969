// Several Ollama hosts through the core: two simulators on real sockets, switching, per-host options and temporary
// models, headers that never come back, the start-up clean-up on every host, and hosts too old for ollmchat.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../test-support/ollama-sim'
import { startCoreHarness, unwrap, type CoreHarness } from '../test-support/core-harness'

describe('several Ollama hosts', () => {
  let h: CoreHarness
  let other: OllamaSim
  afterEach(async () => {
    await h.close()
    await other.close()
  })

  const send = async (conversationId: string, text = 'hi') =>
    unwrap(await h.core.dispatch('chat:send', { requestId: `r${Math.random().toString(36).slice(2)}`, conversationId, text }))

  it('switches at once, keeps options and temporary models per host, and says which host a conversation used', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'from the first' } })
    other = await startOllamaSim({ models: ['llama3'], reply: 'from the second' })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('chats:create', { model: 'llama3:latest' }))
    expect((await send(conversation.id)).conversation.lastHost).toBe(h.sim.url)

    const saved = unwrap(await h.core.dispatch('hosts:save', { url: other.url, name: 'Second' }))
    const second = saved.hosts.find((host) => host.url === other.url)
    expect(second).toMatchObject({ name: 'Second', headerNames: [] })
    const switched = unwrap(await h.core.dispatch('settings:update', { activeHostId: second?.id ?? null }))
    expect(switched).toMatchObject({ ollamaHost: other.url, modelOptions: {} })
    const turn = await send(conversation.id)
    expect(turn.assistantMessage).toMatchObject({ content: 'from the second', servedBy: 'llama3:latest' })
    expect(turn.conversation.lastHost).toBe(other.url)
    expect(other.listModelNames().some((name) => name.startsWith('ollmchat-temp/'))).toBe(false)
    await h.waitFor(() => h.eventsNamed('ollama:status').some((status) => status.host === other.url && status.state === 'reachable'))

    // Back to the first: its option and its temporary model are still there.
    expect(unwrap(await h.core.dispatch('settings:update', { activeHostId: null })).modelOptions).toEqual({ 'registry.ollama.ai/library/llama3:latest': { numCtx: 4096 } })
    expect((await send(conversation.id)).assistantMessage.servedBy).toBe('ollmchat-temp/llama3-oc4096')
  })

  it('sends a host its headers, keeps their values out of every answer, and forgets them with the host', async () => {
    h = await startCoreHarness()
    other = await startOllamaSim({ models: ['llama3'], requiredHeaders: { Authorization: 'Bearer s3cret' } })
    const withoutHeader = unwrap(await h.core.dispatch('hosts:save', { url: other.url }))
    const id = withoutHeader.hosts[0]?.id ?? ''
    const unauthorized = unwrap(await h.core.dispatch('hosts:check', {})).hosts.find((host) => host.hostId === id)
    expect(unauthorized).toMatchObject({ state: 'unreachable' })

    const saved = unwrap(await h.core.dispatch('hosts:save', { id, url: other.url, headers: { Authorization: 'Bearer s3cret' } }))
    expect(saved.hosts[0]).toMatchObject({ headerNames: ['Authorization'] })
    expect(JSON.stringify(saved)).not.toContain('s3cret')
    expect(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')).not.toContain('s3cret')
    const checked = unwrap(await h.core.dispatch('hosts:check', {})).hosts
    expect(checked.find((host) => host.hostId === id)).toMatchObject({ state: 'reachable', version: '0.32.15', tooOld: null })
    expect(checked.find((host) => host.hostId === '')).toMatchObject({ url: h.sim.url, state: 'reachable' })
    unwrap(await h.core.dispatch('settings:update', { activeHostId: id }))
    expect(unwrap(await h.core.dispatch('models:list', {})).models.map((m) => m.name)).toEqual(['llama3:latest'])
    expect(other.requests.at(-1)?.headers?.['authorization']).toBe('Bearer s3cret')
    expect(h.log.lines.some((line) => JSON.stringify(line).includes('s3cret'))).toBe(false)

    // Removing the active host forgets its headers and falls back to the default host.
    expect(unwrap(await h.core.dispatch('hosts:remove', { id }))).toMatchObject({ hosts: [], activeHostId: null, ollamaHost: null })
    expect(readFileSync(join(h.dataDir, 'secrets.json'), 'utf8')).not.toContain(id)
    expect(await h.core.dispatch('hosts:save', { url: other.url, headers: { 'Bad Name': 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.core.dispatch('hosts:save', { url: other.url, headers: { Authorization: 'a\r\nX-Evil: 1' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('names a host too old to derive temporary models, with the reason', async () => {
    h = await startCoreHarness({ sim: { version: '0.5.4' } })
    other = await startOllamaSim({ version: '0.32.15' })
    await h.waitFor(() => h.eventsNamed('ollama:status').some((status) => status.state === 'reachable'))
    expect(unwrap(await h.core.dispatch('ollama:getStatus', {})).tooOld).toBe(
      'Ollama 0.5.4 is older than 0.5.5: it cannot create the temporary models a custom context needs. Update Ollama.',
    )
  })

  it('cleans up at start on every host ollmchat made temporary models on, without waiting for any', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'ok' } })
    other = await startOllamaSim({ models: ['llama3'], reply: 'ok' })
    const saved = unwrap(await h.core.dispatch('hosts:save', { url: other.url }))
    unwrap(await h.core.dispatch('settings:update', { activeHostId: saved.hosts[0]?.id ?? null }))
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('chats:create', { model: 'llama3:latest' }))
    await send(conversation.id)
    expect(other.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    // Back on the first host; the second's temporary model is left over, unloaded.
    unwrap(await h.core.dispatch('settings:update', { activeHostId: null }))
    other.unloadAll()
    await h.restart()
    await h.waitFor(() => !other.hasModel('ollmchat-temp/llama3-oc4096'))
  })
})
