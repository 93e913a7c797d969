/**
 * The main window with Electron's security checklist applied to its preferences: isolated, sandboxed preload, no
 * Node, no webview. Navigation, new windows and permissions are denied for every web contents by contents-guard.ts.
 */
import type { KeyValueStore } from '../core/core-types'
import type { Logger } from '../core/log'
import type { ThemePreference } from '../../src-shared/types'
import { APP_PAGE_URL } from './app-protocol'
import type { BrowserWindowCtor, Rect, WindowLike } from './electron-like'
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state'

/** Where the built app lives. */
export interface AppPaths {
  /** The built preload script; must be CommonJS (`.cjs`): sandboxed preloads have no ESM loader. */
  preload: string
  /** The built renderer page (`out/renderer/index.html`); its folder is what `app://ollmchat/` serves. */
  rendererHtml: string
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`); when set, the window loads it instead of the file. */
  rendererDevUrl?: string | undefined
}

/**
 * The window's background before the page paints, per palette. The renderer's page background should use the
 * same two colours, or the window flashes between them at start.
 */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1b1b1f' } as const

/** Picks the background colour for a theme preference; `system` follows the OS palette. */
export function backgroundColorFor(theme: ThemePreference, systemPrefersDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemPrefersDark)
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light
}

/** The URL the window loads and trusts: the dev server, or the built page on the `app:` scheme. */
export function appUrlFor(paths: AppPaths): string {
  return paths.rendererDevUrl ?? APP_PAGE_URL
}

/** What `createMainWindow` needs. */
export interface MainWindowDeps {
  BrowserWindow: BrowserWindowCtor
  /** The settings store; the window's geometry is kept under `window`. */
  store: KeyValueStore
  paths: AppPaths
  backgroundColor: string
  log: Logger
  /** Work areas of the connected displays, so a saved position on a removed monitor is dropped. */
  displays?: readonly Rect[]
}

/** The created window and the URL its page is trusted under. */
export interface MainWindow {
  window: WindowLike
  appUrl: string
}

/**
 * Creates and loads the main window. Guarantees: secure webPreferences (isolated, sandboxed, no Node, no
 * webview, web security untouched); geometry restored from (clamped) and saved to the store; shown once ready,
 * on a theme-coloured background.
 */
export function createMainWindow(deps: MainWindowDeps): MainWindow {
  const { BrowserWindow, store, paths, log } = deps
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
  window
    .loadURL(appUrl)
    .catch((error: unknown) => log.error('the window could not load the app page', { error: String(error) }))
  return { window, appUrl }
}
