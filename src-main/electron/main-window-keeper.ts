/**
 * Keeps the app's one main window: opens it with the stored theme and its own IPC connection, brings it back on a
 * second launch, and forgets it when it closes (its IPC handlers and theme listener go with it).
 */
import type { Logger } from '../core/log'
import type { BrowserWindowCtor, IpcMainLike, NativeThemeLike, Rect, WindowLike } from './electron-like'
import { connectIpc } from './ipc-bridge'
import type { OpenedCore } from './open-desktop-core'
import { createMainWindow, type AppPaths } from './window'
import { applyTheme, followThemeSetting, storedTheme } from './window-theme'

export interface MainWindowKeeperDeps {
  BrowserWindow: BrowserWindowCtor
  ipcMain: IpcMainLike
  nativeTheme?: NativeThemeLike | undefined
  /** Work areas of the connected displays (only called once the app is ready). */
  displays?: (() => readonly Rect[]) | undefined
  paths: AppPaths
  /** The URL the IPC bridge trusts the page under. */
  appUrl: string
  log: Logger
  /** The core once it has opened; until then (or when it failed) no window opens. */
  opened: () => OpenedCore | undefined
  /** False once quitting has begun: a window opened then would outlive the core it talks to. */
  mayOpen: () => boolean
}

export interface MainWindowKeeper {
  /** Opens the main window, if the core is there and the app is not quitting. */
  open: () => void
  /** Shows and focuses the window, restoring it when minimised, or opens one when there is none. */
  focus: () => void
  /** The open window, if any. */
  current: () => WindowLike | undefined
}

export function createMainWindowKeeper(deps: MainWindowKeeperDeps): MainWindowKeeper {
  let current: WindowLike | undefined

  const open = (): void => {
    const opened = deps.opened()
    if (!opened || !deps.mayOpen()) return
    const { core, store } = opened
    const { window } = createMainWindow({
      BrowserWindow: deps.BrowserWindow,
      store,
      paths: deps.paths,
      backgroundColor: applyTheme(storedTheme(store), deps.nativeTheme),
      log: deps.log,
      ...(deps.displays ? { displays: deps.displays() } : {}),
    })
    const disconnect = connectIpc(deps.ipcMain, core, window, deps.appUrl, deps.log)
    const stopFollowingTheme = followThemeSetting(core, window, deps.nativeTheme)
    window.on('closed', () => {
      disconnect()
      stopFollowingTheme()
      if (current === window) current = undefined
    })
    current = window
  }

  const focus = (): void => {
    if (!current || current.isDestroyed()) {
      open()
      return
    }
    if (current.isMinimized()) current.restore()
    current.show()
    current.focus()
  }

  return { open, focus, current: () => current }
}
