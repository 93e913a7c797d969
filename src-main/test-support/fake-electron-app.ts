/** Stand-ins for `app`, `ipcMain` and `shell` (see fake-electron.ts for windows). */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type {
  AppLike,
  CustomSchemeLike,
  IpcInvokeEventLike,
  IpcMainLike,
  ProtocolLike,
  ShellLike,
} from '../electron/electron-like'
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

type ProtocolHandler = Parameters<ProtocolLike['handle']>[1]

/**
 * `protocol` that, like Electron's, refuses scheme privileges once the app is ready (`ready` is set by the test
 * or follows a FakeApp) and keeps each scheme's handler so a test can send it requests.
 */
export class FakeProtocol implements ProtocolLike {
  readonly privileged: CustomSchemeLike[] = []
  readonly handlers = new Map<string, ProtocolHandler>()

  constructor(private readonly isReady: () => boolean = () => false) {}

  registerSchemesAsPrivileged(schemes: CustomSchemeLike[]): void {
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    this.privileged.push(...schemes)
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`)
    this.handlers.set(scheme, handler)
  }

  /** Sends a request to the handler of the URL's scheme, as the page's loads would. */
  async fetch(url: string, method = 'GET'): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`no handler for ${url}`)
    return await handler(new Request(url, { method }))
  }
}

/** `net.fetch` for `file:` URLs only, as the `app:` handler uses it: the file's bytes, or a rejection. */
export async function fetchFileStandIn(fileUrl: string): Promise<Response> {
  return new Response(await readFile(fileURLToPath(fileUrl)))
}

/** `shell` that records the links it was asked to open. */
export class FakeShell implements ShellLike {
  readonly opened: string[] = []

  openExternal(url: string): Promise<void> {
    this.opened.push(url)
    return Promise.resolve()
  }
}

/**
 * `app` whose readiness the test controls; `quit()` fires `before-quit` and honours `preventDefault`. Like
 * Electron's, it fires `web-contents-created` for each window made by a class from
 * `createFakeBrowserWindowClass(app)`.
 */
export class FakeApp extends FakeEmitter implements AppLike {
  isPackaged = false
  /** True once `becomeReady()` was called. */
  ready = false
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
    this.ready = true
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
