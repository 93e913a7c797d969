/**
 * The only place `ipcMain` is used: one handler per contract channel, each checking that the call comes from
 * the app's own window and page before the core sees it, plus forwarding of every core event to the window.
 */
import { CHANNELS } from '../../src-shared/ipc/contract'
import { fail } from '../../src-shared/ipc/result'
import type { Core } from '../core/core-types'
import { createConsoleLogger, type Logger } from '../core/log'
import { isAppUrl } from './app-url'
import type { IpcInvokeEventLike, IpcMainLike, WindowLike } from './electron-like'

/**
 * True when an IPC call comes from `window`'s own webContents and from a frame showing the app's page (not an
 * injected frame, not a page the window was somehow navigated to).
 */
export function isTrustedSender(event: IpcInvokeEventLike, window: WindowLike, appUrl: string): boolean {
  if (window.isDestroyed() || event.sender !== window.webContents) return false
  return isAppUrl(event.senderFrame?.url, appUrl)
}

/**
 * Connects the window to the core. Guarantees: exactly one `ipcMain.handle` per `CHANNELS` entry; an untrusted
 * sender gets a `FORBIDDEN` result (and a log line) without reaching `core.dispatch`; a result is always a
 * `Result`, never a rejection; every core event is sent to the window unless it is destroyed. Returns a
 * function that removes every handler and stops the forwarding (safe to call twice).
 */
export function connectIpc(
  ipcMain: IpcMainLike,
  core: Core,
  window: WindowLike,
  appUrl: string,
  log: Logger = createConsoleLogger(),
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event, window, appUrl)) {
        log.warn('refused an IPC call from an untrusted sender', {
          channel,
          frameUrl: event.senderFrame?.url.slice(0, 200) ?? null,
        })
        return fail('FORBIDDEN', 'This request did not come from the app window.')
      }
      try {
        return await core.dispatch(channel, input)
      } catch (error) {
        // dispatch promises never to throw; if it does anyway, the renderer still gets a Result.
        log.error('core.dispatch threw', { channel, error: error instanceof Error ? error.stack : String(error) })
        return fail('INTERNAL', 'Something went wrong in the app. Please try again.')
      }
    })
  }
  const stopForwarding = core.events.onAny((name, payload) => {
    if (window.isDestroyed() || window.webContents.isDestroyed()) return
    window.webContents.send(name, payload)
  })
  let connected = true
  return () => {
    if (!connected) return
    connected = false
    for (const channel of CHANNELS) ipcMain.removeHandler(channel)
    stopForwarding()
  }
}
