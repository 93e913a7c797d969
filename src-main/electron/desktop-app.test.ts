import { afterEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../src-shared/ipc/contract'
import type { Core } from '../core/core-types'
import { FakeWebContents, preventableEvent } from '../test-support/fake-electron'
import { setupDesktopApp as setup } from '../test-support/desktop-app-harness'
import { STOP_TIMEOUT_MS } from './app-quitting'
import { safeStorageCodec } from './secret-codec'
import { WINDOW_BACKGROUND } from './window'

afterEach(() => {
  vi.useRealTimers()
})

describe('startDesktopApp: start-up', () => {
  it('does nothing before the app is ready', () => {
    const { createCore, windows } = setup()
    expect(createCore.calls).toEqual([])
    expect(windows).toEqual([])
  })

  it('builds the core for desktop mode with the store, data folder and Electron sqlite binding', async () => {
    const { createCore, store, start } = setup()
    await start()
    expect(createCore.calls).toHaveLength(1)
    expect(createCore.calls[0]).toMatchObject({
      mode: 'desktop',
      dataDir: '/fake/userData',
      version: '9.9.9',
      settings: store,
      sqliteNativeBinding: expect.stringContaining('electron-sqlite') as unknown,
    })
  })

  it('gives the core a secret store that says whether the keychain really encrypts (not Linux basic_text)', async () => {
    for (const [backend, encrypts] of [
      ['gnome_libsecret', true],
      ['basic_text', false],
    ] as const) {
      const safe = {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => backend,
        encryptString: (text: string) => Buffer.from(text),
        decryptString: String,
      }
      const { createCore, log, start } = setup({ createSecretCodec: () => safeStorageCodec(safe, log) })
      await start()
      expect(createCore.calls[0]?.secrets?.encrypts).toBe(encrypts)
    }
  })

  it('starts the core before creating the window, and opens the window while Ollama is still pending', async () => {
    let ollamaAnswered = false
    // What a start-up clean-up waiting for an unreachable Ollama looks like: a promise that never settles.
    const pendingOllama = new Promise<void>(() => {}).then(() => {
      ollamaAnswered = true
    })
    const { app, core, windows, ipcMain, order } = setup({ core: { start: () => pendingOllama } })
    app.becomeReady()
    // Not `await handle.ready`: if the shell waited for start's work, this would fail here within a second.
    await vi.waitFor(() => expect(windows).toHaveLength(1))
    expect(core.startCalls).toBe(1)
    expect(order).toEqual(['core.start', 'new BrowserWindow'])
    expect(ollamaAnswered).toBe(false)
    expect(windows).toHaveLength(1)
    expect(ipcMain.handlers.size).toBe(CHANNELS.length)
  })

  it('opens the window even when core.start throws', async () => {
    const { windows, log, start } = setup({
      core: {
        start: () => {
          throw new Error('ollama sweep exploded')
        },
      },
    })
    await start()
    expect(windows).toHaveLength(1)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'core.start failed' }))
  })

  it('reports a core that cannot be built and quits without a window', async () => {
    const failing = () => {
      throw new Error('sqlite binding has the wrong ABI')
    }
    const { app, windows, start, log } = setup({ createCore: failing })
    await start()
    expect(windows).toEqual([])
    expect(app.quitted).toBe(true)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'the app could not start' }))
  })

  it('reports a history that cannot be opened as a failed start: no window, no background work, quits', async () => {
    const { app, windows, start, log, core } = setup({
      core: {
        open: () => {
          throw new Error('The chat history /data/history.sqlite is a folder, not a file.')
        },
      },
    })
    await start()
    expect(windows).toEqual([])
    expect(core.startCalls).toBe(0)
    expect(app.quitted).toBe(true)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'the app could not start' }))
  })

  it('applies the stored theme to the native theme and the window background, and follows changes', async () => {
    const { windows, nativeTheme, core, start } = setup({ store: { theme: 'dark' } })
    await start()
    expect(nativeTheme.themeSource).toBe('dark')
    expect(windows[0]?.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark)
    core.events.emit('settings:theme', { theme: 'light' })
    expect(nativeTheme.themeSource).toBe('light')
    expect(windows[0]?.backgroundColor).toBe(WINDOW_BACKGROUND.light)
  })

  it('opens with the system theme when the stored theme is not one of THEMES', async () => {
    const { nativeTheme, start } = setup({ store: { theme: 'purple' } })
    nativeTheme.themeSource = 'dark'
    await start()
    expect(nativeTheme.themeSource).toBe('system')
  })

  it('logs unhandled rejections', () => {
    const { processEvents, log } = setup()
    processEvents.emit('unhandledRejection', new Error('lost promise'))
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'unhandled promise rejection' }),
    )
  })
})

describe('startDesktopApp: single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { app, handle, createCore, windows } = setup({ lock: false })
    expect(handle.primary).toBe(false)
    expect(app.quitCalls).toBe(1)
    app.becomeReady()
    await handle.ready
    await Promise.resolve()
    expect(createCore.calls).toEqual([])
    expect(windows).toEqual([])
  })

  it('restores and focuses the existing window on a second launch', async () => {
    const { app, windows, start } = setup()
    await start()
    const window = windows[0]
    if (!window) throw new Error('no window')
    window.minimized = true
    app.emit('second-instance')
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
    expect(windows).toHaveLength(1)
  })
})

describe('startDesktopApp: windows', () => {
  it('removes the IPC handlers when the window closes, and reconnects a reopened window', async () => {
    const { app, windows, ipcMain, start } = setup({ platform: 'darwin' })
    await start()
    windows[0]?.close()
    expect(ipcMain.handlers.size).toBe(0)
    app.emit('activate')
    expect(windows).toHaveLength(2)
    expect(ipcMain.handlers.size).toBe(CHANNELS.length)
  })

  it('quits when the last window closes, except on macOS', async () => {
    const linux = setup({ platform: 'linux' })
    await linux.start()
    linux.app.emit('window-all-closed')
    expect(linux.app.quitCalls).toBe(1)

    const mac = setup({ platform: 'darwin' })
    await mac.start()
    mac.app.emit('window-all-closed')
    expect(mac.app.quitCalls).toBe(0)
  })
})

describe('startDesktopApp: the app: scheme', () => {
  it('registers app: as standard and secure before ready, serves it once ready, and the window loads from it', async () => {
    const { protocol, windows, start } = setup()
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(protocol.handlers.has('app')).toBe(false)
    await start()
    expect(protocol.handlers.has('app')).toBe(true)
    expect(windows[0]?.loaded).toEqual({ kind: 'url', target: 'app://ollmchat/index.html' })
  })
})

describe('startDesktopApp: every web contents is guarded', () => {
  function expectGuarded(contents: FakeWebContents) {
    const webview = preventableEvent()
    contents.emit('will-attach-webview', webview, {}, {})
    const navigation = preventableEvent()
    contents.emit('will-navigate', navigation, 'https://evil.example/')
    const redirect = preventableEvent()
    contents.emit('will-redirect', redirect, 'https://evil.example/')
    expect([webview, navigation, redirect].map((e) => e.defaultPrevented)).toEqual([true, true, true])
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(contents.session.check('media', 'https://evil.example')).toBe(false)
    expect(contents.session.deviceAllowed({ deviceType: 'usb' })).toBe(false)
  }

  it('guards the main window’s contents as Electron creates it', async () => {
    const { windows, start } = setup()
    await start()
    const window = windows[0]
    if (!window) throw new Error('no window')
    expectGuarded(window.webContents)
  })

  it('guards a contents the app did not create itself, even before ready', () => {
    const { app } = setup()
    const stray = new FakeWebContents()
    app.emit('web-contents-created', preventableEvent(), stray)
    expectGuarded(stray)
  })
})

describe('startDesktopApp: quitting', () => {
  it('holds the quit until core.stop has finished, then quits for real', async () => {
    let finishStop: () => void = () => {}
    const { app, core, start } = setup({ core: { stop: () => new Promise<void>((resolve) => (finishStop = resolve)) } })
    await start()
    app.quit()
    expect(core.stopCalls).toBe(1)
    expect(app.quitted).toBe(false)
    finishStop()
    await vi.waitFor(() => expect(app.quitted).toBe(true))
    expect(core.stopCalls).toBe(1)
  })

  it('stops the core only once when quit is requested repeatedly', async () => {
    const { app, core, start } = setup({ core: { stop: () => new Promise<void>(() => {}) } })
    await start()
    const second = preventableEvent()
    app.quit()
    app.emit('before-quit', second)
    expect(second.defaultPrevented).toBe(true)
    expect(core.stopCalls).toBe(1)
  })

  it('gives up on a core.stop that never finishes after the bound', async () => {
    vi.useFakeTimers()
    const { app, core, log, start } = setup({ core: { stop: () => new Promise<void>(() => {}) } })
    await start()
    app.quit()
    await vi.advanceTimersByTimeAsync(STOP_TIMEOUT_MS - 1)
    expect(app.quitted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(app.quitted).toBe(true)
    expect(core.stopCalls).toBe(1)
    expect(log.lines).toContainEqual(expect.objectContaining({ message: 'gave up waiting for the core to stop' }))
  })

  it('still quits when core.stop rejects', async () => {
    const { app, log, start } = setup({ core: { stop: () => Promise.reject(new Error('db locked')) } })
    await start()
    app.quit()
    await vi.waitFor(() => expect(app.quitted).toBe(true))
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'core.stop failed' }))
  })

  it('lets a quit before the core exists through untouched', () => {
    const { app, core } = setup()
    app.quit()
    expect(app.quitted).toBe(true)
    expect((core as Core & { stopCalls: number }).stopCalls).toBe(0)
  })
})
