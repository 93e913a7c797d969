/**
 * The slices of Electron's API the shell uses, as plain structural types. `main.ts` passes the real Electron
 * objects (the compiler checks they fit), and the unit tests pass small stand-ins, because the Electron binary
 * cannot run where the tests do.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import type { ThemePreference } from '../../src-shared/types'

/** A rectangle in screen coordinates, as Electron reports bounds and display work areas. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** An event whose default action the listener may cancel (`before-quit`, `will-navigate`, `will-attach-webview`). */
export interface PreventableEvent {
  preventDefault(): void
}

/** The part of `app` the shell drives. Separate overloads per event, as Electron declares them. */
export interface AppLike {
  readonly isPackaged: boolean
  whenReady(): Promise<void>
  requestSingleInstanceLock(): boolean
  quit(): void
  getPath(name: 'userData'): string
  getVersion(): string
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown
  on(event: 'second-instance', listener: () => void): unknown
  on(event: 'window-all-closed', listener: () => void): unknown
  on(event: 'activate', listener: () => void): unknown
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown
}

/** The answer a window-open handler gives; the shell only ever denies. */
export interface DenyWindowOpen {
  action: 'deny'
}

/** Details Electron passes to a permission request handler (only the URL matters here). */
export interface PermissionDetailsLike {
  requestingUrl?: string
}

/** Details Electron passes to a permission check handler (the frame's last URL, absent for cross-origin frames). */
export interface PermissionCheckDetailsLike {
  requestingUrl?: string
}

/** The session a window uses: where permission requests, permission checks and device access are decided. */
export interface SessionLike {
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetailsLike,
    ) => boolean,
  ): void
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionDetailsLike,
    ) => void,
  ): void
}

/** The part of a window's `webContents` the shell uses. */
export interface WebContentsLike {
  readonly session: SessionLike
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => DenyWindowOpen): void
  /** Whether the page is still loading (its scripts, which subscribe to main's events, may not have run yet). */
  isLoading(): boolean
  /** Once loading stops, after a good load or a failed one: what ends `isLoading()`. */
  once(event: 'did-stop-loading', listener: () => void): unknown
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void,
  ): unknown
  removeListener(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void,
  ): unknown
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/** The part of a `BrowserWindow` the shell uses. */
export interface WindowLike {
  readonly webContents: WebContentsLike
  loadURL(url: string): Promise<void>
  loadFile(filePath: string): Promise<void>
  on(event: 'close', listener: () => void): unknown
  on(event: 'closed', listener: () => void): unknown
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  focus(): void
  restore(): void
  maximize(): void
  isMinimized(): boolean
  isMaximized(): boolean
  isDestroyed(): boolean
  getNormalBounds(): Rect
  setBackgroundColor(color: string): void
}

/** The `BrowserWindow` class, typed with Electron's own option type so every preference is checked. */
export type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => WindowLike

/** What `ipcMain.handle` gives a handler: who sent the call and from which frame. */
export interface IpcInvokeEventLike {
  readonly sender: unknown
  readonly senderFrame: { readonly url: string } | null
}

/** The part of `ipcMain` the IPC bridge uses (and the only place allowed to use it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/** `shell.openExternal`, the one way a link leaves the app. */
export interface ShellLike {
  openExternal(url: string): Promise<void>
}

/** `nativeTheme`: which palette the OS uses, and the app's override of it. */
export interface NativeThemeLike {
  readonly shouldUseDarkColors: boolean
  themeSource: ThemePreference
}

/** `dialog.showMessageBox`, for Help → About and for a Help action that failed. */
export interface MessageBoxLike {
  showMessageBox(options: {
    type: 'info' | 'warning'
    title: string
    message: string
    detail: string
    buttons: string[]
  }): Promise<unknown>
}

/** `dialog`: `showErrorBox` for a start-up failure the user must see, and the About box. */
export interface DialogLike extends MessageBoxLike {
  showErrorBox(title: string, content: string): void
}

/** A scheme and the privileges it is registered with (`protocol.registerSchemesAsPrivileged`). */
export interface CustomSchemeLike {
  scheme: string
  privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean }
}

/** The part of `protocol` the shell uses: the `app:` scheme's privileges and its handler. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomSchemeLike[]): void
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void
}
