import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import type { OllamaStatus } from '../../src-shared/types'
import { createMemoryLogger } from '../core/log'
import { setupDesktopApp } from '../test-support/desktop-app-harness'
import { createFakeCore } from '../test-support/fake-core'
import { FakeWindow } from '../test-support/fake-electron'
import { FakeShell } from '../test-support/fake-electron-app'
import { desktopMenuActions, type DesktopMenuDeps } from './desktop-menu'

/** Text that must never leave the app through a menu action: what a conversation might hold. */
const CHAT_TEXT = 'my bank password is hunter2'

const status = (version: string | null): OllamaStatus => ({
  state: version === null ? 'unreachable' : 'reachable',
  host: `http://user:${encodeURIComponent(CHAT_TEXT)}@127.0.0.1:11434`,
  version,
  error: version === null ? { code: 'OLLAMA_UNREACHABLE', message: CHAT_TEXT } : null,
  tooOld: null,
  checkedAt: new Date(0).toISOString(),
})

function setup(version: string | null = '0.12.3', logFolder: Result<{ opened: boolean }> = ok({ opened: true })) {
  // A core that answers every request with chat content, so anything it says that leaks into a report is caught.
  const core = createFakeCore({
    dispatch: async (channel) =>
      channel === 'ollama:getStatus'
        ? ok(status(version))
        : channel === 'app:openLogFolder'
          ? logFolder
          : fail('INTERNAL', CHAT_TEXT),
  })
  const shell = new FakeShell()
  const boxes: unknown[] = []
  const log = createMemoryLogger()
  /** The open window; `showWindow` opens a new one as the window keeper does (a test may close it first). */
  const windows = { current: new FakeWindow({}) as FakeWindow | undefined, opened: 0, mayOpen: true }
  const deps: DesktopMenuDeps = {
    setApplicationMenu: () => {},
    platform: 'linux',
    isDevelopment: false,
    appVersion: '1.2.3',
    electronVersion: '41.7.1',
    os: 'linux 6.8.0 (x64)',
    shell,
    dialog: { showMessageBox: async (options) => void boxes.push(options) },
    log,
    core: () => core,
    window: () => windows.current,
    showWindow: () => {
      if (!windows.mayOpen || (windows.current && !windows.current.isDestroyed())) return
      windows.current = new FakeWindow({})
      void windows.current.loadURL('app://ollmchat/')
      windows.opened += 1
    },
  }
  const window = windows.current as FakeWindow
  return { actions: desktopMenuActions(deps), core, shell, boxes, log, window, windows }
}

describe('the menu’s actions', () => {
  it('About shows the app’s version and the Ollama version from the core’s status', async () => {
    const { actions, boxes } = setup('0.12.3')
    await actions.showAbout()
    expect(boxes).toEqual([
      expect.objectContaining({ title: 'About ollmchat', detail: 'Version 1.2.3\nOllama 0.12.3' }),
    ])
    const down = setup(null)
    await down.actions.showAbout()
    expect(down.boxes).toEqual([
      expect.objectContaining({ detail: 'Version 1.2.3\nOllama is not reachable right now.' }),
    ])
  })

  it('Open log folder asks the core, as the window’s own link does', async () => {
    const { actions, core } = setup()
    await actions.openLogFolder()
    expect(core.dispatched).toEqual([{ channel: 'app:openLogFolder', input: {} }])
  })

  it('Report a problem opens a prefilled issue with the versions and no chat content or host', async () => {
    const { actions, shell } = setup('0.12.3')
    await actions.reportProblem()
    expect(shell.opened).toHaveLength(1)
    const url = shell.opened[0] ?? ''
    const body = new URL(url).searchParams.get('body') ?? ''
    expect(body).toContain('- Ollama: 0.12.3')
    expect(body).toContain('- ollmchat: 1.2.3')
    for (const text of [url, decodeURIComponent(url), body]) {
      expect(text).not.toContain('hunter2')
      expect(text).not.toContain('127.0.0.1')
    }
  })

  it('tells the person and the log when the log folder cannot be opened', async () => {
    const { actions, boxes, log } = setup('0.12.3', fail('INTERNAL', 'The file manager could not be started.'))
    await actions.openLogFolder()
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        message: 'the menu could not open the log folder',
        fields: { error: 'The file manager could not be started.' },
      }),
    )
    expect(boxes).toEqual([
      expect.objectContaining({
        type: 'warning',
        message: 'The log folder could not be opened.',
        detail: 'The file manager could not be started.',
      }),
    ])
    const noLog = setup('0.12.3', ok({ opened: false }))
    await noLog.actions.openLogFolder()
    expect(noLog.boxes).toEqual([
      expect.objectContaining({ detail: 'This run of ollmchat writes no log file, so there is no folder to open.' }),
    ])
  })

  it('sends a window action to the window as one app:menuCommand event', () => {
    const { actions, window } = setup()
    actions.sendToWindow('search')
    expect(window.webContents.sent).toEqual([{ channel: 'app:menuCommand', args: [{ command: 'search' }] }])
  })

  it('opens the window when there is none (macOS keeps running without one) and sends once its page has loaded', () => {
    const { actions, window, windows } = setup()
    window.close()
    actions.sendToWindow('newChat')
    actions.sendToWindow('settings')
    expect(windows.opened).toBe(1)
    const reopened = windows.current as FakeWindow
    expect(reopened).not.toBe(window)
    // Before the page has loaded, nothing in it listens yet.
    expect(reopened.webContents.sent).toEqual([])
    reopened.webContents.finishLoading()
    expect(reopened.webContents.sent.map((sent) => sent.args[0])).toEqual([
      { command: 'newChat' },
      { command: 'settings' },
    ])
    actions.sendToWindow('search')
    expect(reopened.webContents.sent).toHaveLength(3)
    expect(window.webContents.sent).toEqual([])
  })

  it('waits for the start-up window’s page too: a click while it still loads reaches the page once it has loaded', () => {
    const { actions, window } = setup()
    void window.loadURL('app://ollmchat/')
    actions.sendToWindow('search')
    expect(window.webContents.sent).toEqual([])
    window.webContents.finishLoading()
    expect(window.webContents.sent).toEqual([{ channel: 'app:menuCommand', args: [{ command: 'search' }] }])
  })

  it('sends nothing into a page that failed to load, logs the dropped commands and leaves no listener behind', () => {
    const { actions, window, log } = setup()
    void window.loadURL('app://ollmchat/')
    actions.sendToWindow('newChat')
    actions.sendToWindow('settings')
    window.webContents.failLoading('ERR_FILE_NOT_FOUND')
    expect(window.webContents.sent).toEqual([])
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'the window’s page did not load, so the menu’s commands were dropped',
        fields: { commands: 'newChat, settings', error: 'ERR_FILE_NOT_FOUND' },
      }),
    )
    for (const event of ['did-finish-load', 'did-stop-loading', 'did-fail-load'])
      expect(window.webContents.listenerCount(event), event).toBe(0)
    // Loading has stopped: a later command goes straight to the window and waits on nothing.
    actions.sendToWindow('search')
    expect(window.webContents.sent).toEqual([{ channel: 'app:menuCommand', args: [{ command: 'search' }] }])
    expect(window.webContents.listenerCount('did-stop-loading')).toBe(0)
  })

  it('logs, and does not throw, when no window can be opened (the core failed or the app is quitting)', () => {
    const { actions, window, windows, log } = setup()
    window.close()
    windows.mayOpen = false
    expect(() => actions.sendToWindow('newChat')).not.toThrow()
    expect(windows.opened).toBe(0)
    expect(window.webContents.sent).toEqual([])
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        message: 'the menu could not open a window for its command',
        fields: { command: 'newChat' },
      }),
    )
  })
})

describe('the menu in the desktop app', () => {
  it('on macOS with the window closed, New Chat opens the window through the shell and sends once the page loaded', async () => {
    let template: MenuItemConstructorOptions[] = []
    const { windows, start } = setupDesktopApp({
      platform: 'darwin',
      setApplicationMenu: (built) => (template = built),
    })
    await start()
    windows[0]?.close()
    const file = template.find((item) => item.label === 'File')?.submenu as MenuItemConstructorOptions[]
    ;(file.find((item) => item.label === 'New Chat')?.click as () => void)()
    expect(windows).toHaveLength(2)
    const reopened = windows[1] as FakeWindow
    expect(reopened.webContents.sent).toEqual([])
    reopened.webContents.finishLoading()
    expect(reopened.webContents.sent).toEqual([{ channel: 'app:menuCommand', args: [{ command: 'newChat' }] }])
  })
})
