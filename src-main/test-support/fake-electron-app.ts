/** Stand-ins for `app`, `ipcMain` and `shell` (see fake-electron.ts for windows). */
import type { AppLike, IpcInvokeEventLike, IpcMainLike, ShellLike } from '../electron/electron-like'
import { FakeEmitter, preventableEvent } from './fake-electron'

type IpcHandler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown

/** `ipcMain` that, like Electron, refuses a second handler for the same channel. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, IpcHandler>()

  handle(channel: string, listener: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** Calls a channel's handler as `ipcRenderer.invoke` would. */
  async invoke(channel: string, event: IpcInvokeEventLike, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return await handler(event, input)
  }
}

/** `shell` that records the links it was asked to open. */
export class FakeShell implements ShellLike {
  readonly opened: string[] = []

  openExternal(url: string): Promise<void> {
    this.opened.push(url)
    return Promise.resolve()
  }
}

/** `app` whose readiness the test controls; `quit()` fires `before-quit` and honours `preventDefault`. */
export class FakeApp extends FakeEmitter implements AppLike {
  isPackaged = false
  quitCalls = 0
  quitted = false
  private markReady: () => void = () => {}
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.markReady = resolve
  })

  constructor(private readonly hasLock = true) {
    super()
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  /** Lets `whenReady()` resolve. */
  becomeReady(): void {
    this.markReady()
  }

  requestSingleInstanceLock(): boolean {
    return this.hasLock
  }

  quit(): void {
    this.quitCalls += 1
    const event = preventableEvent()
    this.emit('before-quit', event)
    if (!event.defaultPrevented) this.quitted = true
  }

  getPath(name: 'userData'): string {
    return `/fake/${name}`
  }

  getVersion(): string {
    return '9.9.9'
  }
}
