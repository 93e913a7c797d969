import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { createMemoryStore } from '../test-support/fake-core'
import { createFakeBrowserWindowClass } from '../test-support/fake-electron'
import type { Rect } from './electron-like'
import { appUrlFor, backgroundColorFor, createMainWindow, WINDOW_BACKGROUND, type AppPaths } from './window'
import { MIN_WINDOW_SIZE, WINDOW_STATE_KEY } from './window-state'

const PATHS: AppPaths = { preload: '/app/out/preload/preload.cjs', rendererHtml: '/app/out/renderer/index.html' }
const APP_URL = 'app://ollmchat/index.html'

function setup(options: { store?: Record<string, unknown>; paths?: AppPaths; displays?: Rect[] } = {}) {
  const { BrowserWindow, windows } = createFakeBrowserWindowClass()
  const store = createMemoryStore(options.store)
  const log = createMemoryLogger()
  const created = createMainWindow({
    BrowserWindow,
    store,
    paths: options.paths ?? PATHS,
    backgroundColor: WINDOW_BACKGROUND.dark,
    log,
    ...(options.displays ? { displays: options.displays } : {}),
  })
  const window = windows[0]
  if (!window || windows.length !== 1) throw new Error('expected exactly one window')
  expect(created.window).toBe(window)
  return { window, store, log, appUrl: created.appUrl }
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
})

describe('createMainWindow: loading', () => {
  it('loads the built page from the app: scheme, never from a file: URL, and trusts that URL', () => {
    const { window, appUrl } = setup()
    expect(window.loaded).toEqual({ kind: 'url', target: APP_URL })
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
    const { window } = setup({
      store: { [WINDOW_STATE_KEY]: { width: 900, height: 700, x: 40, y: 50, maximized: true } },
    })
    expect(window.options).toMatchObject({ width: 900, height: 700, x: 40, y: 50 })
    window.emit('ready-to-show')
    expect(window.calls).toEqual(['maximize', 'show'])
  })

  it('clamps a saved size to sane minimums and to the largest display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }]
    const { window } = setup({
      store: { [WINDOW_STATE_KEY]: { width: 10, height: 99_999, maximized: false } },
      displays,
    })
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
})
