/**
 * Stand-ins for the Electron objects the shell uses (the binary cannot run where the tests do). They record
 * what the shell did and let a test fire the events Electron would fire; they implement the shell's
 * structural types, so the compiler keeps them honest.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import type {
  DenyWindowOpen,
  PermissionCheckDetailsLike,
  PermissionDetailsLike,
  PreventableEvent,
  Rect,
  SessionLike,
  WebContentsLike,
  WindowLike,
} from '../electron/electron-like'

type Listener = (...args: never[]) => unknown

/** A minimal event emitter with `on`/`once`/`emit`, enough for Electron-style objects. */
export class FakeEmitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>()

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }])
    return this
  }

  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }])
    return this
  }

  /** Calls every listener of `event` with `args`; returns how many there were. */
  emit(event: string, ...args: unknown[]): number {
    const current = this.listeners.get(event) ?? []
    this.listeners.set(
      event,
      current.filter((l) => !l.once),
    )
    for (const { fn } of current) (fn as (...a: unknown[]) => unknown)(...args)
    return current.length
  }

  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((listener) => listener.fn !== fn),
    )
    return this
  }

  removeAllListeners(event: string): this {
    this.listeners.delete(event)
    return this
  }

  /** How many listeners `event` has. */
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

/** A preventable event as Electron passes to `before-quit` and `will-navigate`. */
export function preventableEvent(): PreventableEvent & { defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

type PermissionHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0]
type PermissionCheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0]
type DevicePermissionHandler = Parameters<SessionLike['setDevicePermissionHandler']>[0]

/** A session that keeps the permission handlers so a test can ask them, as Chromium would. */
export class FakeSession implements SessionLike {
  permissionHandler: PermissionHandler | undefined
  permissionCheckHandler: PermissionCheckHandler | undefined
  devicePermissionHandler: DevicePermissionHandler | undefined

  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler
  }

  /**
   * Asks the installed check handler. Without one Electron grants every check, which is what `true` stands for
   * here, so a test of "denied" fails when no handler was installed.
   */
  check(permission: string, requestingOrigin: string, details: PermissionCheckDetailsLike = {}): boolean {
    return this.permissionCheckHandler?.(undefined, permission, requestingOrigin, details) ?? true
  }

  /** Asks the installed device handler; without one Electron lets the page's own chooser decide (`true` here). */
  deviceAllowed(details: unknown): boolean {
    return this.devicePermissionHandler?.(details) ?? true
  }

  /** Asks the installed handler, as Chromium would; resolves with its decision. */
  request(permission: string, details: PermissionDetailsLike): Promise<boolean> {
    const handler = this.permissionHandler
    if (!handler) throw new Error('no permission handler installed')
    return new Promise((resolve) => handler(undefined, permission, resolve, details))
  }
}

/**
 * webContents that records what was sent and keeps the window-open handler. It is loading from the window's
 * `loadURL`/`loadFile` until the test calls `finishLoading` or `failLoading`.
 */
export class FakeWebContents extends FakeEmitter implements WebContentsLike {
  readonly session = new FakeSession()
  readonly sent: { channel: string; args: unknown[] }[] = []
  windowOpenHandler: ((details: { url: string }) => DenyWindowOpen) | undefined
  destroyed = false
  loading = false

  isLoading(): boolean {
    return this.loading
  }

  /** The page loaded: Electron's `did-finish-load`, then `did-stop-loading`, which ends `isLoading()`. */
  finishLoading(): void {
    this.emit('did-finish-load')
    this.loading = false
    this.emit('did-stop-loading')
  }

  /** The main frame's load failed (an error page is shown): `did-fail-load`, then `did-stop-loading`. */
  failLoading(errorDescription: string): void {
    this.emit('did-fail-load', {}, -6, errorDescription, 'app://ollmchat/', true)
    this.loading = false
    this.emit('did-stop-loading')
  }

  setWindowOpenHandler(handler: (details: { url: string }) => DenyWindowOpen): void {
    this.windowOpenHandler = handler
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, args })
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
}

/** A window that records loads and calls; `close()` runs Electron's close sequence. */
export class FakeWindow extends FakeEmitter implements WindowLike {
  readonly webContents = new FakeWebContents()
  loaded: { kind: 'url' | 'file'; target: string } | undefined
  bounds: Rect
  maximized = false
  minimized = false
  destroyed = false
  visible = false
  focused = false
  backgroundColor: string | undefined
  readonly calls: string[] = []

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    this.backgroundColor = options.backgroundColor
  }

  loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url }
    this.webContents.loading = true
    return Promise.resolve()
  }

  loadFile(filePath: string): Promise<void> {
    this.loaded = { kind: 'file', target: filePath }
    this.webContents.loading = true
    return Promise.resolve()
  }

  show(): void {
    this.calls.push('show')
    this.visible = true
  }

  focus(): void {
    this.calls.push('focus')
    this.focused = true
  }

  restore(): void {
    this.calls.push('restore')
    this.minimized = false
  }

  maximize(): void {
    this.calls.push('maximize')
    this.maximized = true
  }

  isMinimized(): boolean {
    return this.minimized
  }

  isMaximized(): boolean {
    return this.maximized
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  getNormalBounds(): Rect {
    return { ...this.bounds }
  }

  setBackgroundColor(color: string): void {
    this.backgroundColor = color
  }

  /** Closes the window as Electron does: `close`, then destroyed, then `closed`. */
  close(): void {
    this.emit('close')
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

/**
 * A `BrowserWindow` class whose instances are collected in `windows` (one list per test). Given an `app`, each new
 * window's contents is announced on it with `web-contents-created`, as Electron does while constructing a window.
 */
export function createFakeBrowserWindowClass(app?: FakeEmitter): {
  BrowserWindow: new (o: BrowserWindowConstructorOptions) => FakeWindow
  windows: FakeWindow[]
} {
  const windows: FakeWindow[] = []
  class BrowserWindow extends FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      super(options)
      windows.push(this)
      app?.emit('web-contents-created', preventableEvent(), this.webContents)
    }
  }
  return { BrowserWindow, windows }
}
