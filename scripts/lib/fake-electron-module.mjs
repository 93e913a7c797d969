// A stand-in for the `electron` module, just enough for the built main process (and electron-store) to run
// under plain Node in scripts/desktop-smoke.mjs. What main does is recorded on `globalThis.__fakeElectron`.
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const userData = mkdtempSync(join(tmpdir(), 'ollmchat-desktop-smoke-'))
const windows = []
const handlers = new Map()
const quits = []
/** What happened in order that must happen in order: the scheme registered before the app became ready. */
const lifecycle = []
const privilegedSchemes = []
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
  setPermissionRequestHandler(handler) {
    this.permissionHandler = handler
  }
  setPermissionCheckHandler(handler) {
    this.permissionCheckHandler = handler
  }
  setDevicePermissionHandler(handler) {
    this.devicePermissionHandler = handler
  }
}

class WebContents extends EventEmitter {
  sent = []
  session = new Session()
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel, payload) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    this.destroyed = false
    windows.push(this)
    // As Electron does while constructing a window.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents)
  }
  loadFile(file) {
    this.loaded = file
    setTimeout(() => this.emit('ready-to-show'), 0)
    return Promise.resolve()
  }
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
  registerSchemesAsPrivileged: (schemes) => {
    lifecycle.push('register-schemes')
    privilegedSchemes.push(...schemes)
  },
  handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
}
// net.fetch as the app: handler uses it, for file: URLs only.
export const net = { fetch: async (url) => new Response(await readFile(fileURLToPath(url))) }
export const ipcMain = {
  handle: (channel, handler) => handlers.set(channel, handler),
  removeHandler: (channel) => handlers.delete(channel),
  on: () => {},
}
export const shell = { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') }
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }
export const dialog = { showErrorBox: (title, content) => console.error(`[fake dialog] ${title}: ${content}`) }
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] }
// Reverses the bytes: enough to show the stored secret is not the text it came from.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from([...Buffer.from(text)].reverse()),
  decryptString: (data) => Buffer.from([...data].reverse()).toString(),
}
export default { app, BrowserWindow, ipcMain, shell, nativeTheme, dialog, screen, safeStorage, protocol, net }

globalThis.__fakeElectron = { app, windows, handlers, quits, userData, lifecycle, privilegedSchemes, protocolHandlers }
