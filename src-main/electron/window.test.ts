import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { createMemoryStore } from '../test-support/fake-core'
import { createFakeBrowserWindowClass, FakeSession, preventableEvent } from '../test-support/fake-electron'
import { FakeShell } from '../test-support/fake-electron-app'
import type { Rect } from './electron-like'
import {
  appUrlFor,
  backgroundColorFor,
  createMainWindow,
  isPermissionGranted,
  WINDOW_BACKGROUND,
  type AppPaths,
} from './window'
import { MIN_WINDOW_SIZE, WINDOW_STATE_KEY } from './window-state'

const PATHS: AppPaths = { preload: '/app/out/preload/preload.cjs', rendererHtml: '/app/out/renderer/index.html' }
const APP_URL = 'file:///app/out/renderer/index.html'

function setup(options: { store?: Record<string, unknown>; paths?: AppPaths; displays?: Rect[]; session?: FakeSession } = {}) {
  const { BrowserWindow, windows } = createFakeBrowserWindowClass()
  const shell = new FakeShell()
  const store = createMemoryStore(options.store)
  const log = createMemoryLogger()
  const created = createMainWindow({
    BrowserWindow,
    shell,
    store,
    paths: options.paths ?? PATHS,
    backgroundColor: WINDOW_BACKGROUND.dark,
    log,
    ...(options.displays ? { displays: options.displays } : {}),
    ...(options.session ? { session: options.session } : {}),
  })
  const window = windows[0]
  if (!window || windows.length !== 1) throw new Error('expected exactly one window')
  expect(created.window).toBe(window)
  return { window, shell, store, log, appUrl: created.appUrl }
}

describe('createMainWindow: security', () => {
  it('creates the window with the secure webPreferences and the CommonJS preload', () => {
    const { window } = setup()
    const prefs = window.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: PATHS.preload,
    })
    expect(prefs?.webSecurity).not.toBe(false)
    expect(prefs?.allowRunningInsecureContent).not.toBe(true)
    expect(prefs?.nodeIntegrationInSubFrames).not.toBe(true)
  })

  it('blocks every navigation and hands only safe links to the OS', () => {
    const { window, shell } = setup()
    const urls = ['https://ollama.com/library', 'javascript:alert(1)', 'file:///etc/passwd', APP_URL]
    const events = urls.map((url) => {
      const event = preventableEvent()
      window.webContents.emit('will-navigate', event, url)
      return event
    })
    expect(events.every((e) => e.defaultPrevented)).toBe(true)
    expect(shell.opened).toEqual(['https://ollama.com/library'])
  })

  it('denies every window.open and opens only http(s) and mailto links externally', () => {
    const { window, shell, log } = setup()
    const handler = window.webContents.windowOpenHandler
    if (!handler) throw new Error('no window-open handler')
    const urls = [
      'https://example.org/a?b=c',
      'http://127.0.0.1:11434/',
      'mailto:someone@example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ms-settings:privacy',
      'not a url',
    ]
    expect(urls.map((url) => handler({ url }))).toEqual(urls.map(() => ({ action: 'deny' })))
    expect(shell.opened).toEqual(['https://example.org/a?b=c', 'http://127.0.0.1:11434/', 'mailto:someone@example.org'])
    expect(log.lines.filter((l) => l.message === 'refused to open a link')).toHaveLength(4)
  })

  it('denies permission requests, except clipboard writes from the app page', async () => {
    const { window } = setup()
    const session = window.webContents.session
    expect(await session.request('media', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('notifications', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('geolocation', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('clipboard-sanitized-write', { requestingUrl: `${APP_URL}#/chat` })).toBe(true)
    expect(await session.request('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' })).toBe(false)
    expect(await session.request('clipboard-sanitized-write', {})).toBe(false)
  })

  it('guards an injected session instead of the window’s own when given one', async () => {
    const session = new FakeSession()
    const { window } = setup({ session })
    expect(window.webContents.session.permissionHandler).toBeUndefined()
    expect(await session.request('media', { requestingUrl: APP_URL })).toBe(false)
  })
})

describe('createMainWindow: loading', () => {
  it('loads the built page and trusts its file URL', () => {
    const { window, appUrl } = setup()
    expect(window.loaded).toEqual({ kind: 'file', target: PATHS.rendererHtml })
    expect(appUrl).toBe(APP_URL)
  })

  it('loads the dev server when electron-vite gives one', () => {
    const paths = { ...PATHS, rendererDevUrl: 'http://localhost:5173' }
    const { window, appUrl } = setup({ paths })
    expect(window.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173' })
    expect(appUrl).toBe('http://localhost:5173')
    expect(appUrlFor(paths)).toBe('http://localhost:5173')
  })

  it('stays hidden until ready-to-show, on the theme background', () => {
    const { window } = setup()
    expect(window.options.show).toBe(false)
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark)
    expect(window.visible).toBe(false)
    window.emit('ready-to-show')
    expect(window.visible).toBe(true)
  })
})

describe('createMainWindow: size and position', () => {
  it('restores a saved state, maximising before it shows', () => {
    const { window } = setup({ store: { [WINDOW_STATE_KEY]: { width: 900, height: 700, x: 40, y: 50, maximized: true } } })
    expect(window.options).toMatchObject({ width: 900, height: 700, x: 40, y: 50 })
    window.emit('ready-to-show')
    expect(window.calls).toEqual(['maximize', 'show'])
  })

  it('clamps a saved size to sane minimums and to the largest display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }]
    const { window } = setup({ store: { [WINDOW_STATE_KEY]: { width: 10, height: 99_999, maximized: false } }, displays })
    expect(window.options.width).toBe(MIN_WINDOW_SIZE.width)
    expect(window.options.height).toBe(1040)
    expect(window.options.minWidth).toBe(MIN_WINDOW_SIZE.width)
    expect(window.options.minHeight).toBe(MIN_WINDOW_SIZE.height)
  })

  it('drops a position that lies on no connected display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }]
    const { window } = setup({ store: { [WINDOW_STATE_KEY]: { width: 900, height: 700, x: 4000, y: 100 } }, displays })
    expect(window.options.x).toBeUndefined()
    expect(window.options.y).toBeUndefined()
    expect(window.options.width).toBe(900)
  })

  it('saves the normal bounds and the maximised flag when the window closes', () => {
    const { window, store } = setup()
    window.bounds = { x: 12, y: 34, width: 1000, height: 650 }
    window.maximized = true
    window.close()
    expect(store.data.get(WINDOW_STATE_KEY)).toEqual({ x: 12, y: 34, width: 1000, height: 650, maximized: true })
  })

  it('round-trips: what one window saves, the next restores', () => {
    const first = setup()
    first.window.bounds = { x: 100, y: 80, width: 1234, height: 777 }
    first.window.close()
    const saved = first.store.data.get(WINDOW_STATE_KEY)
    const second = setup({ store: { [WINDOW_STATE_KEY]: saved } })
    expect(second.window.options).toMatchObject({ x: 100, y: 80, width: 1234, height: 777 })
  })
})

describe('window helpers', () => {
  it('picks the background for the theme, following the OS for system', () => {
    expect(backgroundColorFor('dark', false)).toBe(WINDOW_BACKGROUND.dark)
    expect(backgroundColorFor('light', true)).toBe(WINDOW_BACKGROUND.light)
    expect(backgroundColorFor('system', true)).toBe(WINDOW_BACKGROUND.dark)
    expect(backgroundColorFor('system', false)).toBe(WINDOW_BACKGROUND.light)
  })

  it('grants nothing but clipboard writes from the app', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', APP_URL, APP_URL)).toBe(true)
    expect(isPermissionGranted('clipboard-read', APP_URL, APP_URL)).toBe(false)
    expect(isPermissionGranted('openExternal', APP_URL, APP_URL)).toBe(false)
  })
})
