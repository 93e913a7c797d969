import { createMemoryLogger } from '../core/log'
import { startDesktopApp, type DesktopAppDeps } from '../electron/desktop-app'
import { createFakeCore, createMemoryStore, fakeCreateCore, type FakeCoreOptions } from './fake-core'
import { createFakeBrowserWindowClass, FakeEmitter } from './fake-electron'
import { FakeApp, FakeIpcMain, FakeProtocol, FakeShell, fetchFileStandIn } from './fake-electron-app'

export interface SetupOptions {
  core?: FakeCoreOptions
  createCore?: DesktopAppDeps['createCore']
  lock?: boolean
  platform?: NodeJS.Platform
  store?: Record<string, unknown>
  createSecretCodec?: DesktopAppDeps['createSecretCodec']
  createUpdater?: DesktopAppDeps['createUpdater']
  setApplicationMenu?: DesktopAppDeps['setApplicationMenu']
  /** Runs as a packaged app (`app.isPackaged`). */
  packaged?: boolean
}

/** The desktop shell started over stand-ins for Electron and the core; `start()` makes the app ready. */
export function setupDesktopApp(options: SetupOptions = {}) {
  const order: string[] = []
  const app = new FakeApp(options.lock ?? true)
  app.isPackaged = options.packaged ?? false
  const { BrowserWindow, windows } = createFakeBrowserWindowClass(app)
  const ipcMain = new FakeIpcMain()
  const core = createFakeCore({
    ...options.core,
    start: () => {
      order.push('core.start')
      return options.core?.start?.()
    },
  })
  const createCore = fakeCreateCore(core)
  const log = createMemoryLogger()
  const processEvents = new FakeEmitter()
  const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' as const as 'system' | 'light' | 'dark' }
  const store = createMemoryStore(options.store)
  const protocol = new FakeProtocol(() => app.ready)
  class OrderedWindow extends BrowserWindow {
    constructor(o: ConstructorParameters<typeof BrowserWindow>[0]) {
      order.push('new BrowserWindow')
      super(o)
    }
  }
  const handle = startDesktopApp({
    app,
    BrowserWindow: OrderedWindow,
    ipcMain,
    shell: new FakeShell(),
    protocol,
    fetchFile: fetchFileStandIn,
    nativeTheme,
    createStore: () => store,
    createCore: options.createCore ?? createCore,
    log,
    paths: { preload: '/app/out/preload/preload.cjs', rendererHtml: '/app/out/renderer/index.html' },
    platform: options.platform ?? 'linux',
    processEvents,
    sqliteNativeBinding: '/app/node_modules/.ollmchat/electron-sqlite/better-sqlite3/build/Release/better_sqlite3.node',
    ...(options.createSecretCodec ? { createSecretCodec: options.createSecretCodec } : {}),
    ...(options.createUpdater ? { createUpdater: options.createUpdater } : {}),
    ...(options.setApplicationMenu ? { setApplicationMenu: options.setApplicationMenu } : {}),
  })
  const start = async () => {
    app.becomeReady()
    await handle.ready
  }
  return {
    app,
    windows,
    ipcMain,
    protocol,
    core,
    createCore,
    log,
    processEvents,
    nativeTheme,
    store,
    order,
    handle,
    start,
  }
}
