import { describe, expect, it, vi } from 'vitest'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type HostEntry, type Settings } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeStatus } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'

const work: HostEntry = { id: 'h1', url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: [] }

/** A booted store, and the number of calls each follow-up of a host change has had so far. */
async function booted() {
  const harness = createStoreHarness()
  await bootApp(harness.store)
  const calls = () => ({
    models: harness.fake.callsTo('models:list').length,
    checks: harness.fake.callsTo('ollama:checkNow').length,
    tempModels: harness.fake.callsTo('tempModels:list').length,
  })
  return { ...harness, calls }
}

describe('settings changed in another window', () => {
  it('takes them whole, and refreshes nothing while the host stays', async () => {
    const { fake, store, calls } = await booted()
    const before = calls()
    fake.emit('settings:changed', { settings: { ...DEFAULT_SETTINGS, tempModelLimit: 3, hosts: [work] } })
    expect(store.getState().settings).toMatchObject({ tempModelLimit: 3, hosts: [work] })
    await Promise.resolve()
    expect(calls()).toEqual(before)
  })

  it('does what a switch made here does when the active host changed: checks it, lists its models', async () => {
    const { fake, store, calls } = await booted()
    await store.getState().loadTempModels()
    fake.handle('ollama:checkNow', () => ok(makeStatus('reachable', work.url)))
    const before = calls()
    fake.emit('settings:changed', {
      settings: { ...DEFAULT_SETTINGS, hosts: [work], activeHostId: 'h1', ollamaHost: work.url },
    })
    expect(store.getState().settings.ollamaHost).toBe(work.url)
    await vi.waitFor(() => expect(store.getState().ollama?.host).toBe(work.url))
    expect(calls()).toEqual({ models: before.models + 1, checks: before.checks + 1, tempModels: before.tempModels + 1 })
  })

  it('leaves a key this window is saving to the answer, and takes the others', async () => {
    const { fake, store } = await booted()
    const answer = deferred<Result<Settings>>()
    fake.handle('settings:update', () => answer.promise)
    const saving = store.getState().updateSettings({ theme: 'dark' })
    // Main's state from before this save (another window's change) must not flick the theme back.
    fake.emit('settings:changed', { settings: { ...DEFAULT_SETTINGS, notifyTempModelCreated: true } })
    expect(store.getState().settings).toMatchObject({ theme: 'dark', notifyTempModelCreated: true })
    answer.resolve(ok({ ...DEFAULT_SETTINGS, theme: 'dark', notifyTempModelCreated: true }))
    await saving
    expect(store.getState().settings).toMatchObject({ theme: 'dark', notifyTempModelCreated: true })
    // Saved: the next event is taken whole again.
    fake.emit('settings:changed', { settings: { ...DEFAULT_SETTINGS, theme: 'light' } })
    expect(store.getState().settings.theme).toBe('light')
  })

  it('refreshes once when its own switch is echoed before main answers it', async () => {
    const { fake, store, calls } = await booted()
    store.setState({ settings: { ...store.getState().settings, hosts: [work] } })
    const switched: Settings = { ...DEFAULT_SETTINGS, hosts: [work], activeHostId: 'h1', ollamaHost: work.url }
    const answer = deferred<Result<Settings>>()
    fake.handle('settings:update', () => answer.promise)
    const before = calls()
    const switching = store.getState().switchHost('h1')
    fake.emit('settings:changed', { settings: switched })
    answer.resolve(ok(switched))
    expect(await switching).toBeNull()
    expect(calls()).toMatchObject({ models: before.models + 1, checks: before.checks + 1 })
  })

  it('puts back what another window saved meanwhile, not its own old value, when main refuses a save', async () => {
    const { fake, store } = await booted()
    const answer = deferred<Result<Settings>>()
    fake.handle('settings:update', () => answer.promise)
    const saving = store.getState().updateSettings({ defaultModel: 'llama3:latest' })
    fake.emit('settings:changed', { settings: { ...DEFAULT_SETTINGS, defaultModel: 'qwen3:8b' } })
    answer.resolve(fail('INVALID_INPUT', 'No such model.'))
    expect((await saving)?.message).toBe('No such model.')
    expect(store.getState().settings.defaultModel).toBe('qwen3:8b')
  })

  it('stops listening when disconnected', () => {
    const { fake, disconnect } = createStoreHarness()
    expect(fake.listenerCount('settings:changed')).toBe(1)
    disconnect()
    expect(fake.listenerCount('settings:changed')).toBe(0)
  })
})
