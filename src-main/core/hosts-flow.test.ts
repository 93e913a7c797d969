// Several Ollama hosts through the core: two simulators on real sockets, switching, per-host options and temporary
// models, headers that never come back, the start-up clean-up on every host, and hosts too old for ollmchat.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../tools/ollama-sim/index'
import { startCoreHarness, unwrap, type CoreHarness } from '../test-support/core-harness'
import { OllamaClient } from './ollama/client'

describe('several Ollama hosts', () => {
  let h: CoreHarness
  let other: OllamaSim
  afterEach(async () => {
    await h.close()
    await other.close()
  })

  const send = async (conversationId: string, text = 'hi') =>
    unwrap(
      await h.core.dispatch('chat:send', {
        requestId: `r${Math.random().toString(36).slice(2)}`,
        conversationId,
        text,
      }),
    )

  it('switches at once, keeps options and temporary models per host, and says which host a conversation used', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'from the first' } })
    other = await startOllamaSim({ models: ['llama3'], reply: 'from the second' })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    expect((await send(conversation.id)).conversation.lastHost).toBe(h.sim.url)

    const saved = unwrap(await h.core.dispatch('hosts:save', { url: other.url, name: 'Second' }))
    // Every window hears of the new host, with the settings the request answered.
    expect(h.eventsNamed('settings:changed').at(-1)).toEqual({ settings: saved })
    const second = saved.hosts.find((host) => host.url === other.url)
    expect(second).toMatchObject({ name: 'Second', headerNames: [] })
    const switched = unwrap(await h.core.dispatch('settings:update', { activeHostId: second?.id ?? null }))
    expect(switched).toMatchObject({ ollamaHost: other.url, modelOptions: {} })
    const turn = await send(conversation.id)
    expect(turn.assistantMessage).toMatchObject({ content: 'from the second', servedBy: 'llama3:latest' })
    expect(turn.conversation.lastHost).toBe(other.url)
    expect(other.listModelNames().some((name) => name.startsWith('ollmchat-temp/'))).toBe(false)
    await h.waitFor(() =>
      h.eventsNamed('ollama:status').some((status) => status.host === other.url && status.state === 'reachable'),
    )

    // Back to the first: its option and its temporary model are still there.
    expect(unwrap(await h.core.dispatch('settings:update', { activeHostId: null })).modelOptions).toEqual({
      'registry.ollama.ai/library/llama3:latest': { numCtx: 4096 },
    })
    expect((await send(conversation.id)).assistantMessage.servedBy).toBe('ollmchat-temp/llama3-oc4096')
  })

  it('refuses to delete a model only on the host where a reply is using it', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'slow words '.repeat(100), tokenDelayMs: 20 } })
    other = await startOllamaSim({ models: ['llama3'] })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const reply = h.core.dispatch('chat:send', { requestId: 'busy-reply', conversationId: conversation.id, text: 'hi' })
    await h.waitFor(() => h.eventsNamed('chat:delta').length > 0)
    const id = unwrap(await h.core.dispatch('hosts:save', { url: other.url })).hosts[0]?.id ?? ''

    // On the other host the same name is another model, which nothing uses.
    unwrap(await h.core.dispatch('settings:update', { activeHostId: id }))
    expect(unwrap(await h.core.dispatch('models:delete', { model: 'llama3' }))).toEqual({ deleted: ['llama3:latest'] })
    // Back on the first host, the reply still runs there: its model stays.
    unwrap(await h.core.dispatch('settings:update', { activeHostId: null }))
    expect(await h.core.dispatch('models:delete', { model: 'llama3' })).toMatchObject({
      ok: false,
      error: { code: 'BUSY' },
    })
    expect(h.sim.hasModel('llama3')).toBe(true)
    unwrap(await h.core.dispatch('chat:cancel', { requestId: 'busy-reply' }))
    await reply
  })

  it('sends a host its headers, keeps their values out of every answer, and forgets them with the host', async () => {
    h = await startCoreHarness()
    other = await startOllamaSim({ models: ['llama3'], requiredHeaders: { Authorization: 'Bearer s3cret' } })
    const withoutHeader = unwrap(await h.core.dispatch('hosts:save', { url: other.url }))
    const id = withoutHeader.hosts[0]?.id ?? ''
    const unauthorized = unwrap(await h.core.dispatch('hosts:check', {})).hosts.find((host) => host.hostId === id)
    expect(unauthorized).toMatchObject({ state: 'unreachable' })

    const saved = unwrap(
      await h.core.dispatch('hosts:save', { id, url: other.url, headers: { Authorization: 'Bearer s3cret' } }),
    )
    expect(saved.hosts[0]).toMatchObject({ headerNames: ['Authorization'] })
    expect(JSON.stringify(saved)).not.toContain('s3cret')
    expect(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')).not.toContain('s3cret')
    const checked = unwrap(await h.core.dispatch('hosts:check', {})).hosts
    expect(checked.find((host) => host.hostId === id)).toMatchObject({
      state: 'reachable',
      version: '0.32.15',
      tooOld: null,
    })
    expect(checked.find((host) => host.hostId === '')).toMatchObject({ url: h.sim.url, state: 'reachable' })
    unwrap(await h.core.dispatch('settings:update', { activeHostId: id }))
    expect(unwrap(await h.core.dispatch('models:list', {})).models.map((m) => m.name)).toEqual(['llama3:latest'])
    expect(other.requests.at(-1)?.headers?.['authorization']).toBe('Bearer s3cret')
    expect(h.log.lines.some((line) => JSON.stringify(line).includes('s3cret'))).toBe(false)

    // Removing the active host forgets its headers and falls back to the default host.
    expect(unwrap(await h.core.dispatch('hosts:remove', { id }))).toMatchObject({
      hosts: [],
      activeHostId: null,
      ollamaHost: null,
    })
    expect(readFileSync(join(h.dataDir, 'secrets.json'), 'utf8')).not.toContain(id)
    expect(await h.core.dispatch('hosts:save', { url: other.url, headers: { 'Bad Name': 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      await h.core.dispatch('hosts:save', { url: other.url, headers: { Authorization: 'a\r\nX-Evil: 1' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('drops the headers of a host whose address changes, and keeps them while it does not', async () => {
    h = await startCoreHarness()
    other = await startOllamaSim({ models: ['llama3'] })
    const secrets = () => readFileSync(join(h.dataDir, 'secrets.json'), 'utf8')
    const id =
      unwrap(await h.core.dispatch('hosts:save', { url: other.url, headers: { Authorization: 'Bearer s3cret' } }))
        .hosts[0]?.id ?? ''

    // The same address spelled otherwise, and a new name: the headers stay.
    const renamed = unwrap(await h.core.dispatch('hosts:save', { id, url: `${other.url}/`, name: 'Lab' }))
    expect(renamed.hosts[0]).toMatchObject({ name: 'Lab', url: other.url, headerNames: ['Authorization'] })
    expect(secrets()).toContain('s3cret')

    // Another server: the credentials meant for the first one are forgotten, and never sent to it.
    const moved = unwrap(await h.core.dispatch('hosts:save', { id, url: h.sim.url }))
    expect(moved.hosts[0]).toMatchObject({ url: h.sim.url, headerNames: [] })
    expect(secrets()).not.toContain('s3cret')
    unwrap(await h.core.dispatch('hosts:check', {}))
    expect(h.sim.requests.some((request) => request.headers?.['authorization'] !== undefined)).toBe(false)

    // New headers given with the new address are kept.
    const back = unwrap(await h.core.dispatch('hosts:save', { id, url: other.url, headers: { 'X-Team': 'blue' } }))
    expect(back.hosts[0]).toMatchObject({ url: other.url, headerNames: ['X-Team'] })
  })

  it('leaves no header names in the settings when their values could not be stored', async () => {
    h = await startCoreHarness()
    other = await startOllamaSim({ models: ['llama3'] })
    const id =
      unwrap(await h.core.dispatch('hosts:save', { url: other.url, name: 'Lab', headers: { 'X-Old': 'o' } })).hosts[0]
        ?.id ?? ''
    // A folder where the secret store writes its temporary file: every write of it fails.
    const blocker = join(h.dataDir, 'secrets.json.tmp')
    mkdirSync(blocker)

    const added = await h.core.dispatch('hosts:save', { url: h.sim.url, headers: { Authorization: 'Bearer s3cret' } })
    expect(added).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const edited = await h.core.dispatch('hosts:save', {
      id,
      url: other.url,
      name: 'Renamed',
      headers: { Authorization: 'Bearer s3cret' },
    })
    expect(edited).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    // An address change would have dropped the old headers: the old address stays with them instead.
    expect(await h.core.dispatch('hosts:save', { id, url: h.sim.url })).toMatchObject({ ok: false })
    expect(unwrap(await h.core.dispatch('settings:get', {})).hosts).toEqual([
      { id, url: other.url, name: 'Lab', headerNames: ['X-Old'] },
    ])
    const failures = h.log.lines.filter((line) => line.message === 'unexpected failure in hosts:save')
    expect(failures.map((line) => line.fields?.['error'])).toEqual(
      Array(3).fill(expect.stringMatching(/could not be stored, so the host was left as it was/)),
    )

    rmSync(blocker, { recursive: true })
    expect(existsSync(join(h.dataDir, 'secrets.json'))).toBe(true)
    expect(readFileSync(join(h.dataDir, 'secrets.json'), 'utf8')).not.toContain('s3cret')
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
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    await send(conversation.id)
    expect(other.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    // Back on the first host; the second's temporary model is left over, unloaded.
    unwrap(await h.core.dispatch('settings:update', { activeHostId: null }))
    other.unloadAll()
    await h.restart()
    // From the new core on (the old one's stop closed its own clients).
    const closes = vi.spyOn(OllamaClient.prototype, 'close')
    await h.waitFor(() => !other.hasModel('ollmchat-temp/llama3-oc4096'))
    // The client opened only for that clean-up is closed once it is done, not kept until quit.
    await h.waitFor(() => closes.mock.contexts.some((client) => (client as OllamaClient).host === other.url))
    closes.mockRestore()
  })
})
