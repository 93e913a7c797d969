/**
 * Delivers the menu's commands to the window's page, which subscribes to `app:menuCommand` only once its scripts
 * have run. A command sent while the page is still loading would reach no listener and be lost: whether it is the
 * start-up window or one the menu just opened (macOS), so the rule is asked of the page itself
 * (`webContents.isLoading()`), not of who opened the window.
 */
import type { MenuCommand } from '../../src-shared/types'
import type { Logger } from '../core/log'
import type { WebContentsLike } from './electron-like'

/** The commands waiting for one page load, and why that load failed, once it has. */
interface PendingLoad {
  commands: MenuCommand[]
  failure?: string
}

export function createMenuCommandDelivery(log: Logger): (contents: WebContentsLike, command: MenuCommand) => void {
  const pending = new WeakMap<WebContentsLike, PendingLoad>()

  const send = (contents: WebContentsLike, command: MenuCommand): void => {
    if (!contents.isDestroyed()) contents.send('app:menuCommand', { command })
  }

  /**
   * Waits for the load to stop: `did-stop-loading` is the event that ends `isLoading()` (both are the tab's spinner in
   * Electron's docs), and it comes after a failed load as after a good one. A failed main-frame load leaves an error
   * page that listens to nothing, so its commands are dropped and logged rather than sent into it.
   */
  const waitForLoad = (contents: WebContentsLike, load: PendingLoad): void => {
    const onFail = (_event: unknown, _code: number, description: string, _url: string, isMainFrame: boolean) => {
      if (isMainFrame) load.failure = description
    }
    contents.on('did-fail-load', onFail)
    contents.once('did-stop-loading', () => {
      contents.removeListener('did-fail-load', onFail)
      pending.delete(contents)
      if (load.failure === undefined) for (const command of load.commands) send(contents, command)
      else
        log.warn('the window’s page did not load, so the menu’s commands were dropped', {
          commands: load.commands.join(', '),
          error: load.failure,
        })
    })
  }

  return (contents, command) => {
    if (!contents.isLoading()) return send(contents, command)
    const waiting = pending.get(contents)
    if (waiting !== undefined) return void waiting.commands.push(command)
    const load: PendingLoad = { commands: [command] }
    pending.set(contents, load)
    waitForLoad(contents, load)
  }
}
