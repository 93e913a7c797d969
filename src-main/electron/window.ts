/**
 * The main window with Electron's security checklist applied: isolated, sandboxed preload; no navigation away
 * from the app; no new windows; links leave only through the OS after parsing; permissions denied.
 */
import { pathToFileURL } from 'node:url'
import type { KeyValueStore } from '../core/core-types'
import type { Logger } from '../core/log'
import type { ThemePreference } from '../../src-shared/types'
import { externalUrl, isAppUrl } from './app-url'
import type { BrowserWindowCtor, Rect, SessionLike, ShellLike, WebContentsLike, WindowLike } from './electron-like'
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state'

/** Where the built app lives. */
export interface AppPaths {
  /** The built preload script; must be CommonJS (`.cjs`): sandboxed preloads have no ESM loader. */
  preload: string
  /** The built renderer page (`out/renderer/index.html`). */
  rendererHtml: string
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`); when set, the window loads it instead of the file. */
  rendererDevUrl?: string | undefined
}

/**
 * The window's background before the page paints, per palette. The renderer's page background should use the
 * same two colours, or the window flashes between them at start.
 */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1b1b1f' } as const

/** The only permission the page may get: writing text to the clipboard (the copy buttons need it). */
const GRANTABLE_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** Picks the background colour for a theme preference; `system` follows the OS palette. */
export function backgroundColorFor(theme: ThemePreference, systemPrefersDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemPrefersDark)
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light
}

/** The URL the app's page has once loaded: the dev server, or the `file:` URL of the built page. */
export function appUrlFor(paths: AppPaths): string {
  return paths.rendererDevUrl ?? pathToFileURL(paths.rendererHtml).href
}

/**
 * The permission policy: everything is denied, except clipboard writes requested by the app's own page
 * (Chromium asks for `clipboard-sanitized-write` before every `navigator.clipboard.writeText`).
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, appUrl)
}

/** Opens a link in the user's browser or mail program, only if it parses as http(s)/mailto. */
export function openExternalSafely(url: string, shell: ShellLike, log: Logger): void {
  const safe = externalUrl(url)
  if (safe === undefined) {
    log.warn('refused to open a link', { url: url.slice(0, 200) })
    return
  }
  shell.openExternal(safe).catch((error: unknown) => {
    log.warn('could not open a link', { url: safe, error: String(error) })
  })
}

function guardContents(contents: WebContentsLike, shell: ShellLike, log: Logger): void {
  // The page never navigates: a link without target=_blank would otherwise replace the app with a web page.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openExternalSafely(url, shell, log)
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, shell, log)
    return { action: 'deny' }
  })
}

function guardPermissions(session: SessionLike, appUrl: string, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, appUrl)
    if (!granted) log.info('denied a permission request', { permission })
    callback(granted)
  })
}

/** What `createMainWindow` needs. */
export interface MainWindowDeps {
  BrowserWindow: BrowserWindowCtor
  shell: ShellLike
  /** The settings store; the window's geometry is kept under `window`. */
  store: KeyValueStore
  paths: AppPaths
  backgroundColor: string
  log: Logger
  /** Work areas of the connected displays, so a saved position on a removed monitor is dropped. */
  displays?: readonly Rect[]
  /** The session to guard; defaults to the window's own. */
  session?: SessionLike
}

/** The created window and the URL its page is trusted under. */
export interface MainWindow {
  window: WindowLike
  appUrl: string
}

/**
 * Creates and loads the main window. Guarantees: secure webPreferences (isolated, sandboxed, no Node, no
 * webview, web security untouched); navigation and window.open blocked, only parsed http(s)/mailto links
 * reach `shell.openExternal`; permissions denied except clipboard writes from the app page; geometry
 * restored from (clamped) and saved to the store; shown once ready, on a theme-coloured background.
 */
export function createMainWindow(deps: MainWindowDeps): MainWindow {
  const { BrowserWindow, shell, store, paths, log } = deps
  const state = loadWindowState(store, deps.displays)
  const appUrl = appUrlFor(paths)
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: deps.backgroundColor,
    autoHideMenuBar: true,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  })
  guardContents(window.webContents, shell, log)
  guardPermissions(deps.session ?? window.webContents.session, appUrl, log)
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    try {
      saveWindowState(store, window.getNormalBounds(), window.isMaximized())
    } catch (error) {
      log.warn('could not save the window size', { error: String(error) })
    }
  })
  const loading = paths.rendererDevUrl ? window.loadURL(paths.rendererDevUrl) : window.loadFile(paths.rendererHtml)
  loading.catch((error: unknown) => log.error('the window could not load the app page', { error: String(error) }))
  return { window, appUrl }
}
