/**
 * The desktop app's lifecycle with every Electron object injected, so it runs under unit tests with stand-ins:
 * single instance, core start-up that never delays the window, IPC per window, bounded shutdown.
 */
import { dirname, join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { Core, CoreDeps, KeyValueStore } from '../core/core-types'
import { createFileSecretStore, type SecretCodec } from '../core/settings/secret-file'
import type { Logger } from '../core/log'
import { isTheme, type ThemePreference } from '../../src-shared/types'
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
  WindowLike,
} from './electron-like'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { guardWebContents } from './contents-guard'
import { installDesktopMenu } from './desktop-menu'
import { connectIpc } from './ipc-bridge'
import { updatesForApp, type UpdaterLike, type Updates } from './updater'
import { appUrlFor, backgroundColorFor, createMainWindow, type AppPaths } from './window'

/** How long quitting waits for `core.stop()` before giving up on it. */
export const STOP_TIMEOUT_MS = 5_000

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

function storedTheme(store: KeyValueStore): ThemePreference {
  try {
    const theme = store.get('theme')
    return isTheme(theme) ? theme : 'system'
  } catch {
    return 'system'
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error))

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects. */
async function settleWithin(work: () => Promise<void>, ms: number, log: Logger): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  // An async IIFE calls `work` synchronously, so stopping begins at once, and turns a throw into a log line.
  const done = (async () => {
    try {
      await work()
    } catch (error) {
      log.error('core.stop failed', { error: describeError(error) })
    }
    return 'done' as const
  })()
  const outcome = await Promise.race([done, timeout])
  clearTimeout(timer)
  if (outcome === 'timeout') log.warn('gave up waiting for the core to stop', { timeoutMs: ms })
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
  let core: Core | undefined
  let store: KeyValueStore | undefined
  let current: WindowLike | undefined
  let updates: Updates | undefined
  let quitState: 'running' | 'stopping' | 'stopped' = 'running'

  const background = (theme: ThemePreference) =>
    backgroundColorFor(theme, deps.nativeTheme?.shouldUseDarkColors ?? false)

  const openWindow = (): void => {
    if (!core || !store || quitState !== 'running') return
    const theme = storedTheme(store)
    if (deps.nativeTheme) deps.nativeTheme.themeSource = theme
    const { window } = createMainWindow({
      BrowserWindow: deps.BrowserWindow,
      store,
      paths: deps.paths,
      backgroundColor: background(theme),
      log,
      ...(deps.displays ? { displays: deps.displays() } : {}),
    })
    const disconnect = connectIpc(deps.ipcMain, core, window, appUrl, log)
    const stopThemeSync = core.events.on('settings:theme', ({ theme: next }) => {
      if (deps.nativeTheme) deps.nativeTheme.themeSource = next
      if (!window.isDestroyed()) window.setBackgroundColor(background(next))
    })
    window.on('closed', () => {
      disconnect()
      stopThemeSync()
      if (current === window) current = undefined
    })
    current = window
  }

  const focusWindow = (): void => {
    if (!current || current.isDestroyed()) {
      openWindow()
      return
    }
    if (current.isMinimized()) current.restore()
    current.show()
    current.focus()
  }

  // Before anything is created: every web contents, the main window's included, is guarded as it is made.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { shell: deps.shell, log, appUrl, ...(deps.session ? { session: deps.session } : {}) })
  })
  app.on('second-instance', focusWindow)
  app.on('activate', () => {
    if (!current) openWindow()
  })
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', (event) => {
    if (!core || quitState === 'stopped') return
    event.preventDefault()
    if (quitState === 'stopping') return
    quitState = 'stopping'
    updates?.stop()
    const stopping = core
    void settleWithin(() => stopping.stop(), deps.stopTimeoutMs ?? STOP_TIMEOUT_MS, log).then(() => {
      quitState = 'stopped'
      app.quit()
    })
  })

  const ready = app.whenReady().then(() => {
    handleAppProtocol({ protocol: deps.protocol, rendererDir: dirname(deps.paths.rendererHtml), fetchFile: deps.fetchFile, log })
    updates = updatesForApp({
      isPackaged: app.isPackaged,
      createUpdater: deps.createUpdater,
      log,
      // Through the core's events, so every window connected now hears it; a window opened later reads app:getInfo.
      onReady: (version) => core?.events.emit('app:updateReady', { version }),
    })
    try {
      store = deps.createStore()
      const built = deps.createCore({
        dataDir: app.getPath('userData'),
        settings: store,
        mode: 'desktop',
        version: app.getVersion(),
        log,
        ...(deps.sqliteNativeBinding ? { sqliteNativeBinding: deps.sqliteNativeBinding } : {}),
        ...(deps.createSecretCodec
          ? { secrets: createFileSecretStore(join(app.getPath('userData'), 'secrets.json'), deps.createSecretCodec(), log) }
          : {}),
        ...(updates ? { updates } : {}),
      })
      // Building the core touches no file; opening it here makes a history that cannot be opened a failed start
      // (and a core that did not open is not one quitting must stop).
      built.open()
      core = built
    } catch (error) {
      log.error('the app could not start', { error: describeError(error) })
      deps.dialog?.showErrorBox('ollmchat could not start', error instanceof Error ? error.message : String(error))
      app.quit()
      return
    }
    try {
      core.start()
    } catch (error) {
      // Background start-up work is best effort; the window must open regardless.
      log.error('core.start failed', { error: describeError(error) })
    }
    if (deps.setApplicationMenu) {
      installDesktopMenu({
        setApplicationMenu: deps.setApplicationMenu,
        platform: deps.platform,
        isDevelopment: !app.isPackaged,
        appVersion: app.getVersion(),
        electronVersion: deps.runtime?.electronVersion ?? 'unknown',
        os: deps.runtime?.os ?? deps.platform,
        shell: deps.shell,
        ...(deps.dialog ? { dialog: deps.dialog } : {}),
        log,
        core: () => core,
        window: () => current,
      })
    }
    openWindow()
    updates?.start()
  })
  return {
    primary: true,
    ready: ready.catch((error: unknown) => {
      log.error('start-up failed', { error: describeError(error) })
      app.quit()
    }),
  }
}
