// Deleting, unloading and describing models, and the temporary models in the open, through the core against the
// simulator on a real socket.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

describe('managing models', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const chatWith = async (model: string, numCtx: number | null, text = 'hi') => {
    if (numCtx !== null) unwrap(await h.core.dispatch('models:setNumCtx', { model, numCtx }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model }))
    return unwrap(
      await h.core.dispatch('chat:send', {
        requestId: `r${Math.random().toString(36).slice(2)}`,
        conversationId: conversation.id,
        text,
      }),
    )
  }

  it('deletes a base with its temporary models, unloading the loaded ones first, and every window hears of it', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'], reply: 'ok' } })
    await chatWith('llama3:latest', 4096)
    await chatWith('llama3:latest', 2048)
    unwrap(await h.core.dispatch('models:refresh', {}))
    h.sim.clearRequests()
    const { deleted } = unwrap(await h.core.dispatch('models:delete', { model: 'llama3' }))
    expect(deleted.sort()).toEqual(
      ['llama3:latest', 'ollmchat-temp/llama3-oc2048:latest', 'ollmchat-temp/llama3-oc4096:latest'].sort(),
    )
    expect(h.sim.hasModel('llama3')).toBe(false)
    expect(h.sim.listModelNames()).toEqual(['qwen3:8b'])
    // The loaded one was unloaded (keep_alive 0) before its delete.
    const unloads = h.sim.requestsTo('/api/chat').filter((r) => (r.body as { keep_alive?: unknown }).keep_alive === 0)
    expect(unloads.length).toBeGreaterThan(0)
    expect(h.sim.loaded()).toEqual([])
    await h.waitFor(() =>
      h.eventsNamed('models:changed').some((e) => e.models.every((m) => m.name !== 'llama3:latest')),
    )
  })

  it('refuses to delete or unload a model a reply is using, in words', async () => {
    h = await startCoreHarness({
      sim: { models: ['llama3'], reply: 'one two three four five six seven eight', tokenDelayMs: 40 },
    })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const pending = h.core.dispatch('chat:send', { requestId: 'busy', conversationId: conversation.id, text: 'count' })
    await h.waitFor(() => h.eventsNamed('chat:delta').length > 0)
    expect(await h.core.dispatch('models:delete', { model: 'llama3' })).toMatchObject({
      ok: false,
      error: {
        code: 'BUSY',
        message:
          'llama3 is answering in a conversation right now: stop that reply (or wait for it) before you delete it.',
      },
    })
    expect(await h.core.dispatch('models:unload', { model: 'llama3' })).toMatchObject({
      ok: false,
      error: { code: 'BUSY' },
    })
    expect(h.sim.hasModel('llama3')).toBe(true)
    unwrap(await pending)
  })

  it('unloads a loaded model now, and says what is gone and what was not there', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'] } })
    h.sim.load('llama3', { numCtx: 4096 })
    expect(unwrap(await h.core.dispatch('models:unload', { model: 'llama3' }))).toEqual({ unloaded: true })
    expect(h.sim.loaded()).toEqual([])
    expect(unwrap(await h.core.dispatch('models:unload', { model: 'llama3' }))).toEqual({ unloaded: false })
    expect(await h.core.dispatch('models:unload', { model: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'MODEL_NOT_FOUND' },
    })
    expect(await h.core.dispatch('models:delete', { model: 'ollmchat-temp/llama3-oc4096' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('describes a model: template, parameters, system, licence, capabilities and its parent', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', { name: 'mine', parameters: { num_ctx: 2048 } }] } })
    const details = unwrap(await h.core.dispatch('models:details', { model: 'llama3' }))
    expect(details).toMatchObject({
      name: 'llama3:latest',
      family: 'llama',
      capabilities: ['completion'],
      parentModel: null,
    })
    expect(details.template).toContain('{{')
    expect(details.parameters).toMatch(/^stop\s+"/m)
    await fetch(`${h.sim.url}/api/create`, {
      method: 'POST',
      body: JSON.stringify({ model: 'derived', from: 'llama3:latest', system: 'Be brief.', stream: false }),
    })
    expect(unwrap(await h.core.dispatch('models:details', { model: 'derived' }))).toMatchObject({
      system: 'Be brief.',
      parentModel: 'llama3:latest',
    })
  })
})

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000

describe('temporary models in the open', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const chat = async (model: string, numCtx: number) => {
    unwrap(await h.core.dispatch('models:setNumCtx', { model, numCtx }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model }))
    return unwrap(
      await h.core.dispatch('chat:send', {
        requestId: `r${Math.random().toString(36).slice(2)}`,
        conversationId: conversation.id,
        text: 'hi',
      }),
    )
  }

  it('lists them with base, context, times, loaded and stale; cleans up the unused; removes all', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'], reply: 'ok' } })
    await chat('llama3:latest', 4096)
    await chat('qwen3:8b', 8192)
    h.sim.unloadAll()
    h.sim.load('ollmchat-temp/llama3-oc4096')
    h.sim.addModel('ollmchat-temp/leftover-oc2048')
    h.sim.repull('qwen3:8b', { newWeights: true })
    const { tempModels } = unwrap(await h.core.dispatch('tempModels:list', {}))
    const byName = Object.fromEntries(tempModels.map((t) => [t.name.replace(/:latest$/, ''), t]))
    expect(byName['ollmchat-temp/llama3-oc4096']).toMatchObject({
      baseModel: 'llama3:latest',
      numCtx: 4096,
      loaded: true,
      inUse: false,
      stale: null,
    })
    expect(byName['ollmchat-temp/llama3-oc4096']?.createdAt).toEqual(expect.any(String))
    expect(byName['ollmchat-temp/llama3-oc4096']?.lastUsedAt).toEqual(expect.any(String))
    expect(byName['ollmchat-temp/leftover-oc2048']).toMatchObject({ baseModel: null, createdAt: null, loaded: false })
    expect(Object.values(byName).find((t) => t.baseModel === 'qwen3:8b')?.stale).toMatch(
      /pulled again with other weights/,
    )

    const cleanup = unwrap(await h.core.dispatch('tempModels:cleanup', {}))
    expect(cleanup.kept.map((k) => k.name)).toEqual(['ollmchat-temp/llama3-oc4096:latest'])
    expect(cleanup.deleted).toHaveLength(2)

    const removed = unwrap(await h.core.dispatch('tempModels:removeAll', {}))
    expect(removed.deleted).toEqual(['ollmchat-temp/llama3-oc4096:latest'])
    expect(h.sim.loaded()).toEqual([])
    expect(unwrap(await h.core.dispatch('tempModels:list', {})).tempModels).toEqual([])
  })

  it('keeps at most the limit, removing the least recently used first, never a loaded one', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3.1:8b'], reply: 'ok' } })
    unwrap(await h.core.dispatch('settings:update', { tempModelLimit: 2 }))
    await chat('llama3.1:8b', 2048)
    await chat('llama3.1:8b', 4096)
    await chat('llama3.1:8b', 2048) // used again: now 4096 is the least recently used
    h.sim.unloadAll()
    await chat('llama3.1:8b', 8192)
    await h.waitFor(() => h.sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/')).length === 2, 10_000)
    const temps = h.sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/'))
    expect(temps).toHaveLength(2)
    expect(temps.some((n) => n.includes('oc4096'))).toBe(false)
    expect(temps.some((n) => n.includes('oc8192'))).toBe(true)
  })

  it('applies a lowered limit at once, and every window hears the new settings', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'ok' } })
    await chat('llama3:latest', 2048)
    await chat('llama3:latest', 4096)
    await chat('llama3:latest', 8192)
    h.sim.unloadAll()
    const settings = unwrap(await h.core.dispatch('settings:update', { tempModelLimit: 1 }))
    expect(h.eventsNamed('settings:changed').at(-1)).toEqual({ settings })
    await h.waitFor(() => h.sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/')).length === 1, 5_000)
    expect(h.sim.listModelNames().filter((n) => n.startsWith('ollmchat-temp/'))).toEqual([
      'ollmchat-temp/llama3-oc8192:latest',
    ])
    // A refused change is not announced.
    const announced = h.eventsNamed('settings:changed').length
    expect(await h.core.dispatch('settings:update', { tempModelLimit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(h.eventsNamed('settings:changed')).toHaveLength(announced)
  })

  it('tells the windows when one is created, only when the settings ask', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'ok' } })
    await chat('llama3:latest', 4096)
    expect(h.eventsNamed('tempModels:created')).toEqual([])
    unwrap(await h.core.dispatch('settings:update', { notifyTempModelCreated: true }))
    await chat('llama3:latest', 2048)
    expect(h.eventsNamed('tempModels:created')).toEqual([
      { name: 'ollmchat-temp/llama3-oc2048', baseModel: 'llama3:latest', numCtx: 2048 },
    ])
  })

  it('cleans up, while the app is idle, what went unused for a day; never one in use or used recently', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], reply: 'ok' }, timing: { idleCleanupMs: 150 } })
    // Added once the start-up clean-up (which removes every unused one) is done, before the chat whose end starts
    // the idle time.
    await h.waitFor(() => h.log.lines.some((line) => line.message === 'no temporary models to clean up'))
    h.sim.addModel('ollmchat-temp/leftover-oc2048', { ageMs: TWO_DAYS_MS })
    h.sim.addModel('ollmchat-temp/other-client-oc1024')
    await chat('llama3:latest', 4096)
    // The chat's model is loaded and was just used: it stays; so does the one made a moment ago; the old leftover goes.
    await h.waitFor(
      () => h.log.lines.some((line) => line.message === 'cleaned up unused temporary models while idle'),
      3_000,
    )
    expect(h.sim.hasModel('ollmchat-temp/leftover-oc2048')).toBe(false)
    expect(h.sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    expect(h.sim.hasModel('ollmchat-temp/other-client-oc1024')).toBe(true)
  })

  it('puts the idle clean-up off while a reply is running', async () => {
    h = await startCoreHarness({
      sim: { models: ['llama3'], reply: 'a long answer '.repeat(40), tokenDelayMs: 20 },
      timing: { idleCleanupMs: 100 },
    })
    const reply = chat('llama3:latest', 4096)
    await h.waitFor(() => h.eventsNamed('chat:delta').length > 0, 5_000)
    h.sim.addModel('ollmchat-temp/leftover-oc2048', { ageMs: TWO_DAYS_MS })
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Idle time has passed, but a reply runs: nothing was cleaned up yet.
    expect(h.sim.hasModel('ollmchat-temp/leftover-oc2048')).toBe(true)
    await reply
    await h.waitFor(() => !h.sim.hasModel('ollmchat-temp/leftover-oc2048'), 3_000)
  })
})
