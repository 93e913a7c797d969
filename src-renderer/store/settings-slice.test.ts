import { describe, expect, it } from 'vitest'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type Settings } from '../../src-shared/types'
import { createFakeBridge, deferred } from '../test-support/fake-bridge'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'

describe('settings', () => {
  it('follows a theme pushed by main', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    harness.fake.emit('settings:theme', { theme: 'dark' })
    expect(harness.store.getState().settings.theme).toBe('dark')
  })

  it('puts the old value back when main refuses a change', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('settings:update', () => fail('INVALID_INPUT', 'That is not an http(s) address.'))
    await bootApp(harness.store)
    const error = await harness.store.getState().updateSettings({ ollamaHost: 'ftp://nope' })
    expect(error?.message).toBe('That is not an http(s) address.')
    expect(harness.store.getState().settings.ollamaHost).toBeNull()
  })

  it('keeps a second save on screen when the answer to an earlier one arrives after it', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    const answers = [deferred<Result<Settings>>(), deferred<Result<Settings>>()]
    let calls = 0
    harness.fake.handle('settings:update', () => answers[calls++]!.promise)
    const theme = harness.store.getState().updateSettings({ theme: 'dark' })
    const model = harness.store.getState().updateSettings({ defaultModel: 'qwen3:8b' })
    // Main saved the theme before it saw the model, so its first answer still has the old default model.
    answers[0]!.resolve(ok({ ...DEFAULT_SETTINGS, theme: 'dark' }))
    await theme
    expect(harness.store.getState().settings).toMatchObject({ theme: 'dark', defaultModel: 'qwen3:8b' })
    answers[1]!.resolve(ok({ ...DEFAULT_SETTINGS, theme: 'dark', defaultModel: 'qwen3:8b' }))
    await model
    expect(harness.store.getState().settings).toMatchObject({ theme: 'dark', defaultModel: 'qwen3:8b' })
  })

  it('stops listening when disconnected', () => {
    const fake = createFakeBridge()
    const harness = createStoreHarness(fake)
    expect(fake.listenerCount('chat:delta')).toBe(1)
    harness.disconnect()
    expect(fake.listenerCount('chat:delta')).toBe(0)
  })
})

describe('changing host', () => {
  it('takes every host-linked key from main’s answer, and no other', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    const work = { id: 'h1', url: 'http://192.168.1.20:11434', name: null, headerNames: [] }
    const other = { id: 'h2', url: 'http://10.0.0.5:11434', name: 'Lab', headerNames: [] }
    harness.fake.handle('settings:update', () =>
      ok({
        ...DEFAULT_SETTINGS,
        theme: 'dark',
        ollamaHost: work.url,
        activeHostId: 'h1',
        hosts: [work],
        modelOptions: { 'qwen3:8b': { numCtx: 8192 } },
      }),
    )
    await harness.store.getState().updateSettings({ ollamaHost: '192.168.1.20:11434' })
    expect(harness.store.getState().settings).toMatchObject({
      ollamaHost: work.url,
      activeHostId: 'h1',
      hosts: [work],
      modelOptions: { 'qwen3:8b': { numCtx: 8192 } },
      theme: 'system',
    })
    // A switch shows the new host's address before main answers.
    harness.store.setState({ settings: { ...harness.store.getState().settings, hosts: [work, other] } })
    harness.fake.handle('settings:update', () => new Promise(() => undefined))
    void harness.store.getState().updateSettings({ activeHostId: 'h2' })
    expect(harness.store.getState().settings.ollamaHost).toBe(other.url)
  })
})
