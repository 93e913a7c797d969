// A stand-in for the `electron` module, just enough for the built main process (and electron-store) to run
// under plain Node in scripts/desktop-smoke.mjs. What main does is recorded on `globalThis.__fakeElectron`.
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A function main hands to the stand-in (an IPC handler, a permission or window-open handler); the smoke test calls
 * it as Electron would, with whatever Electron would pass.
 * @typedef {(...args: any[]) => any} Callback
 */
/**
 * What the smoke test reads back on `globalThis.__fakeElectron`.
 * @typedef {object} FakeElectron
 * @property {App} app
 * @property {BrowserWindow[]} windows
 * @property {Map<string, Callback>} handlers
 * @property {('held' | 'done')[]} quits
 * @property {string} userData
 * @property {string[]} lifecycle
 * @property {{ scheme: string, privileges: Record<string, boolean> }[]} privilegedSchemes
 * @property {Map<string, (request: Request) => Promise<Response>>} protocolHandlers
 * @property {{ applicationMenu: { items: unknown[] } | null }} Menu
 */

const userData = mkdtempSync(join(tmpdir(), 'ollmchat-desktop-smoke-'))
/** @type {BrowserWindow[]} */
const windows = []
/** @type {FakeElectron['handlers']} */
const handlers = new Map()
/** @type {FakeElectron['quits']} */
const quits = []
/**
 * What happened in order that must happen in order: the scheme registered before the app became ready.
 * @type {string[]}
 */
const lifecycle = []
/** @type {FakeElectron['privilegedSchemes']} */
const privilegedSchemes = []
/** @type {FakeElectron['protocolHandlers']} */
const protocolHandlers = new Map()

class App extends EventEmitter {
  isPackaged = false
  whenReady() {
    return Promise.resolve().then(() => {
      if (!lifecycle.includes('ready')) lifecycle.push('ready')
    })
  }
  getPath() {
    return userData
  }
  getVersion() {
    return '0.0.0-smoke'
  }
  getAppPath() {
    return process.cwd()
  }
  requestSingleInstanceLock() {
    return true
  }
  quit() {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) }
    this.emit('before-quit', event)
    quits.push(event.prevented ? 'held' : 'done')
    if (!event.prevented) for (const window of windows) window.close()
  }
}

class Session {
  /** @type {Callback | undefined} */
  permissionHandler
  /** @type {Callback | undefined} */
  permissionCheckHandler
  /** @type {Callback | undefined} */
  devicePermissionHandler
  /** @param {Callback} handler */
  setPermissionRequestHandler(handler) {
    this.permissionHandler = handler
  }
  /** @param {Callback} handler */
  setPermissionCheckHandler(handler) {
    this.permissionCheckHandler = handler
  }
  /** @param {Callback} handler */
  setDevicePermissionHandler(handler) {
    this.devicePermissionHandler = handler
  }
}

class WebContents extends EventEmitter {
  /** @type {{ channel: string, payload: unknown }[]} */
  sent = []
  session = new Session()
  /** @type {Callback | undefined} */
  windowOpenHandler
  /** @param {Callback} handler */
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  /** @param {string} channel @param {unknown} payload */
  send(channel, payload) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
}

export class BrowserWindow extends EventEmitter {
  /** @type {string | undefined} */
  loaded
  shown = false
  /** @type {string | undefined} */
  backgroundColor
  /** @param {{ webPreferences?: Record<string, unknown> }} options */
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    this.destroyed = false
    windows.push(this)
    // As Electron does while constructing a window.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents)
  }
  /** @param {string} file */
  loadFile(file) {
    this.loaded = file
    setTimeout(() => this.emit('ready-to-show'), 0)
    return Promise.resolve()
  }
  /** @param {string} url */
  loadURL(url) {
    this.loaded = url
    setTimeout(() => this.emit('ready-to-show'), 0)
    return Promise.resolve()
  }
  show() {
    this.shown = true
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  isDestroyed() {
    return this.destroyed
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1111, height: 777 }
  }
  /** @param {string} color */
  setBackgroundColor(color) {
    this.backgroundColor = color
  }
  close() {
    this.emit('close')
    this.destroyed = true
    this.emit('closed')
  }
}

export const app = new App()
export const protocol = {
  registerSchemesAsPrivileged: (/** @type {FakeElectron['privilegedSchemes']} */ schemes) => {
    lifecycle.push('register-schemes')
    privilegedSchemes.push(...schemes)
  },
  handle: (/** @type {string} */ scheme, /** @type {(request: Request) => Promise<Response>} */ handler) =>
    protocolHandlers.set(scheme, handler),
}
// net.fetch as the app: handler uses it, for file: URLs only.
export const net = { fetch: async (/** @type {string} */ url) => new Response(await readFile(fileURLToPath(url))) }
export const ipcMain = {
  handle: (/** @type {string} */ channel, /** @type {Callback} */ handler) => handlers.set(channel, handler),
  removeHandler: (/** @type {string} */ channel) => handlers.delete(channel),
  on: () => {},
}
export const shell = { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') }
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }
export const dialog = {
  showErrorBox: (/** @type {string} */ title, /** @type {string} */ content) =>
    console.error(`[fake dialog] ${title}: ${content}`),
}
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] }
// Reverses the bytes: enough to show the stored secret is not the text it came from.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (/** @type {string} */ text) => Buffer.from([...Buffer.from(text)].reverse()),
  decryptString: (/** @type {Buffer} */ data) => Buffer.from([...data].reverse()).toString(),
}
/** The application menu the app sets, kept so the smoke run can check one was built from a template. */
export const Menu = {
  /** @type {{ items: unknown[] } | null} */
  applicationMenu: null,
  buildFromTemplate: (/** @type {unknown[]} */ template) => ({ items: template }),
  setApplicationMenu(/** @type {{ items: unknown[] } | null} */ menu) {
    Menu.applicationMenu = menu
  },
}
export default { app, BrowserWindow, ipcMain, shell, nativeTheme, dialog, screen, safeStorage, protocol, net, Menu }

/** @type {FakeElectron} */
const recorded = { app, windows, handlers, quits, userData, lifecycle, privilegedSchemes, protocolHandlers, Menu }
Object.assign(globalThis, { __fakeElectron: recorded })
