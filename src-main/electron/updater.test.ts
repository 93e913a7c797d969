import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { setupDesktopApp } from '../test-support/desktop-app-harness'
import { FakeUpdater } from '../test-support/fake-updater'
import { createUpdates, UPDATE_CHECK_INTERVAL_MS } from './updater'

afterEach(() => {
  vi.useRealTimers()
})

describe('createUpdates', () => {
  it('checks at start and then once a day, and stops checking when stopped', () => {
    vi.useFakeTimers()
    const updater = new FakeUpdater()
    const updates = createUpdates({ updater, log: createMemoryLogger(), onReady: () => {} })
    expect(updater.checks).toBe(0)
    void updates.start()
    expect(updater.checks).toBe(1)
    expect([updater.autoDownload, updater.autoInstallOnAppQuit]).toEqual([true, true])
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1)
    expect(updater.checks).toBe(1)
    vi.advanceTimersByTime(1)
    expect(updater.checks).toBe(2)
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS)
    expect(updater.checks).toBe(3)
    updates.stop()
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 3)
    expect(updater.checks).toBe(3)
  })

  it('starts again after being stopped: a check at once and the daily ones', () => {
    vi.useFakeTimers()
    const updater = new FakeUpdater()
    const updates = createUpdates({ updater, log: createMemoryLogger(), onReady: () => {} })
    void updates.start()
    updates.stop()
    void updates.start()
    expect(updater.checks).toBe(2)
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS)
    expect(updater.checks).toBe(3)
    void updates.start()
    expect(updater.checks).toBe(3)
  })

  it('reports a downloaded update once, and installs it only on request', () => {
    const updater = new FakeUpdater()
    const ready: string[] = []
    const updates = createUpdates({ updater, log: createMemoryLogger(), onReady: (version) => ready.push(version) })
    expect(updates.restartToUpdate()).toBe(false)
    expect(updater.installs).toBe(0)
    updater.emit('update-downloaded', { version: '1.4.0' })
    expect(ready).toEqual(['1.4.0'])
    expect(updates.readyVersion()).toBe('1.4.0')
    expect(updates.restartToUpdate()).toBe(true)
    expect(updater.installs).toBe(1)
  })

  it('logs a failed check once (not again for its event, its rejection and the updater’s own line), without throwing', async () => {
    const updater = new FakeUpdater()
    updater.nextCheck = () => Promise.reject(new Error('getaddrinfo ENOTFOUND github.com'))
    const log = createMemoryLogger()
    await createUpdates({ updater, log, onReady: () => {} }).start()
    expect(log.lines).toEqual([
      expect.objectContaining({
        message: 'the update check or download failed',
        fields: { error: 'getaddrinfo ENOTFOUND github.com' },
      }),
    ])
  })

  it('sends the updater’s own lines to the app’s log', () => {
    const updater = new FakeUpdater()
    const log = createMemoryLogger()
    createUpdates({ updater, log, onReady: () => {} })
    updater.logger?.info('Checking for update')
    expect(log.lines).toContainEqual(expect.objectContaining({ message: 'updater: Checking for update' }))
  })
})

describe('the desktop app’s updates', () => {
  it('are never set up in development (an unpackaged app)', async () => {
    const updater = new FakeUpdater()
    const createUpdater = vi.fn(() => updater)
    const { start, createCore } = setupDesktopApp({ createUpdater })
    await start()
    expect(createUpdater).not.toHaveBeenCalled()
    expect(createCore.calls[0]?.updates).toBeUndefined()
  })

  it('check at start when packaged, tell the window when one is downloaded, and install it through the core', async () => {
    const updater = new FakeUpdater()
    const { app, start, windows, createCore } = setupDesktopApp({ createUpdater: () => updater, packaged: true })
    await start()
    expect(updater.checks).toBe(1)
    updater.emit('update-downloaded', { version: '1.4.0' })
    expect(windows[0]?.webContents.sent).toContainEqual({ channel: 'app:updateReady', args: [{ version: '1.4.0' }] })
    const port = createCore.calls[0]?.updates
    expect(port?.readyVersion()).toBe('1.4.0')
    expect(port?.restartToUpdate()).toBe(true)
    expect(updater.installs).toBe(1)
    app.quit()
  })
})
