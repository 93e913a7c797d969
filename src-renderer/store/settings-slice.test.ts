import { describe, expect, it } from 'vitest'
import { fail } from '../../src-shared/ipc/result'
import { createFakeBridge } from '../test-support/fake-bridge'
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

  it('stops listening when disconnected', () => {
    const fake = createFakeBridge()
    const harness = createStoreHarness(fake)
    expect(fake.listenerCount('chat:delta')).toBe(1)
    harness.disconnect()
    expect(fake.listenerCount('chat:delta')).toBe(0)
  })
})
