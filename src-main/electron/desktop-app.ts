/**
 * The desktop app's lifecycle with every Electron object injected, so it runs under unit tests with stand-ins:
 * single instance, core start-up that never delays the window, IPC per window, bounded shutdown. This file only
 * composes the parts: quitting (app-quitting.ts), the core (open-desktop-core.ts), the main window
 * (main-window-keeper.ts), the menu (desktop-menu.ts), updates (updater.ts), the `app:` scheme and the guards.
 */
import { dirname } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { Core, CoreDeps, KeyValueStore } from '../core/core-types'
import type { SecretCodec } from '../core/settings/secret-file'
import type { Logger } from '../core/log'
import type {
  AppLike,
  BrowserWindowCtor,
  DialogLike,
  IpcMainLike,
  NativeThemeLike,
  ProtocolLike,
  Rect,
  SessionLike,
  ShellLike,
} from './electron-like'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { handleQuitting, STOP_TIMEOUT_MS } from './app-quitting'
import { guardWebContents } from './contents-guard'
import { describeError } from './describe-error'
import { installDesktopMenu } from './desktop-menu'
import { createMainWindowKeeper, type MainWindowKeeper } from './main-window-keeper'
import { openDesktopCore, startCoreInBackground, type OpenedCore } from './open-desktop-core'
import { updatesForApp, type UpdaterLike, type Updates } from './updater'
import { appUrlFor, type AppPaths } from './window'

/** Everything `startDesktopApp` needs; `main.ts` passes the real Electron objects. */
export interface DesktopAppDeps {
  app: AppLike
  BrowserWindow: BrowserWindowCtor
  ipcMain: IpcMainLike
  shell: ShellLike
  /** Where the `app:` scheme the page loads from is registered and served. */
  protocol: ProtocolLike
  /** Reads a built file for the `app:` scheme: Electron's `net.fetch` of its `file:` URL (it reads inside the asar). */
  fetchFile: (fileUrl: string) => Promise<Response>
  /** The session whose permissions are decided; defaults to each web contents' own. */
  session?: SessionLike
  nativeTheme?: NativeThemeLike
  dialog?: DialogLike
  /** Work areas of the connected displays (only called once the app is ready). */
  displays?: () => readonly Rect[]
  createStore: () => KeyValueStore
  createCore: (deps: CoreDeps) => Core
  log: Logger
  paths: AppPaths
  platform: NodeJS.Platform
  /** Where `unhandledRejection` is listened for: `process` in the app. */
  processEvents?: { on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown }
  /** Path of the Electron-ABI better-sqlite3 binary, when running unpackaged. */
  sqliteNativeBinding?: string | undefined
  /** How host header values are protected on disk (the OS keychain); asked once the app is ready. */
  createSecretCodec?: () => SecretCodec
  stopTimeoutMs?: number
  /** `Menu.setApplicationMenu(Menu.buildFromTemplate(template))`; without it the app sets no menu. */
  setApplicationMenu?: (template: MenuItemConstructorOptions[]) => void
  /** What a problem report names besides the app's version (Help → Report a problem). */
  runtime?: { electronVersion: string; os: string }
  /** electron-updater's `autoUpdater`, asked for only in a packaged app (updater.ts). */
  createUpdater?: () => UpdaterLike
}

/** Handle on a started app, for tests and `main.ts`. */
export interface DesktopApp {
  /** False when another instance already held the lock (this one is quitting). */
  readonly primary: boolean
  /** Settles once start-up has finished: window open, or the failure handled. Never rejects. */
  readonly ready: Promise<void>
}

/** Installs the application menu when the app was given a way to set one (tests usually are not). */
function installMenuIfSet(
  deps: DesktopAppDeps,
  core: () => Core | undefined,
  window: Pick<MainWindowKeeper, 'current' | 'focus'>,
): void {
  if (!deps.setApplicationMenu) return
  installDesktopMenu({
    setApplicationMenu: deps.setApplicationMenu,
    platform: deps.platform,
    isDevelopment: !deps.app.isPackaged,
    appVersion: deps.app.getVersion(),
    electronVersion: deps.runtime?.electronVersion ?? 'unknown',
    os: deps.runtime?.os ?? deps.platform,
    shell: deps.shell,
    ...(deps.dialog ? { dialog: deps.dialog } : {}),
    log: deps.log,
    core,
    window: window.current,
    showWindow: window.focus,
  })
}

/**
 * Starts the desktop app. Guarantees: a second instance quits and focuses the first one's window; on ready the
 * core is built and `core.start()` is called before, and without waiting for, the window (so start-up clean-up
 * of temp models can never delay it); each window gets its own IPC connection, removed when it closes;
 * quitting gives `core.stop()` at most `stopTimeoutMs` (5 s) and then quits; closing the last window quits
 * except on macOS; unhandled rejections are logged; every web contents is guarded (contents-guard.ts); the page
 * is served from `app://ollmchat/` (app-protocol.ts), the scheme registered before ready and handled once ready.
 */
export function startDesktopApp(deps: DesktopAppDeps): DesktopApp {
  const { app, log } = deps
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { primary: false, ready: Promise.resolve() }
  }
  // Electron accepts scheme privileges only before the app is ready.
  registerAppScheme(deps.protocol)
  deps.processEvents?.on('unhandledRejection', (reason) => {
    log.error('unhandled promise rejection', { error: describeError(reason) })
  })

  /** The URL the app's page is trusted under, by the IPC bridge and the permission policy alike. */
  const appUrl = appUrlFor(deps.paths)
  let opened: OpenedCore | undefined
  let updates: Updates | undefined
  const quitting = handleQuitting({
    app,
    platform: deps.platform,
    log,
    stopTimeoutMs: deps.stopTimeoutMs ?? STOP_TIMEOUT_MS,
    core: () => opened?.core,
    updates: () => updates,
  })
  const mainWindow = createMainWindowKeeper({ ...deps, appUrl, opened: () => opened, mayOpen: quitting.isRunning })

  // Before anything is created: every web contents, the main window's included, is guarded as it is made.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { shell: deps.shell, log, appUrl, ...(deps.session ? { session: deps.session } : {}) })
  })
  app.on('second-instance', mainWindow.focus)
  app.on('activate', () => {
    if (!mainWindow.current()) mainWindow.open()
  })

  const ready = app.whenReady().then(() => {
    handleAppProtocol({
      protocol: deps.protocol,
      rendererDir: dirname(deps.paths.rendererHtml),
      fetchFile: deps.fetchFile,
      log,
    })
    updates = updatesForApp({
      isPackaged: app.isPackaged,
      createUpdater: deps.createUpdater,
      log,
      // Through the core's events, so every window connected now hears it; a window opened later reads app:getInfo.
      onReady: (version) => opened?.core.events.emit('app:updateReady', { version }),
    })
    opened = openDesktopCore(deps, updates)
    if (!opened) return
    startCoreInBackground(opened.core, log)
    installMenuIfSet(deps, () => opened?.core, mainWindow)
    mainWindow.open()
    void updates?.start()
  })
  return {
    primary: true,
    ready: ready.catch((error: unknown) => {
      log.error('start-up failed', { error: describeError(error) })
      app.quit()
    }),
  }
}
