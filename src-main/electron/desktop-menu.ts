/**
 * Installs the application menu and carries out its Help actions: About (the app's and Ollama's versions), Open log
 * folder (the core's `app:openLogFolder`, as the window's own link uses it) and Report a problem (report-problem.ts).
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../src-shared/types'
import type { Core } from '../core/core-types'
import type { Logger } from '../core/log'
import { buildMenuTemplate } from './app-menu'
import type { MessageBoxLike, ShellLike, WindowLike } from './electron-like'
import { createMenuCommandDelivery } from './menu-command-delivery'
import { problemReportUrl } from './report-problem'

export const APP_NAME = 'ollmchat'

export interface DesktopMenuDeps {
  /** `Menu.setApplicationMenu(Menu.buildFromTemplate(template))` in the app. */
  setApplicationMenu: (template: MenuItemConstructorOptions[]) => void
  platform: NodeJS.Platform
  isDevelopment: boolean
  appVersion: string
  /** Electron's version (`process.versions.electron`). */
  electronVersion: string
  /** The operating system as a report names it, e.g. `linux 6.8.0 (x64)`. */
  os: string
  shell: ShellLike
  dialog?: MessageBoxLike
  log: Logger
  core: () => Core | undefined
  /** The main window, if one is open. */
  window: () => WindowLike | undefined
  /**
   * Brings up the main window, opening one when there is none (macOS keeps the app running with its window
   * closed): the window keeper's `focus`. It opens nothing while the core is missing or the app quits.
   */
  showWindow: () => void
}

/** Ollama's version as the core last saw it, or `null` when it is unreachable or the core is not there. */
async function ollamaVersion(core: Core | undefined): Promise<string | null> {
  if (!core) return null
  const status = await core.dispatch('ollama:getStatus', {})
  return status.ok ? status.value.version : null
}

/** The About dialog's text. */
export function aboutDetail(appVersion: string, ollama: string | null): string {
  return [`Version ${appVersion}`, ollama === null ? 'Ollama is not reachable right now.' : `Ollama ${ollama}`].join(
    '\n',
  )
}

const isOpen = (window: WindowLike | undefined): window is WindowLike =>
  window !== undefined && !window.isDestroyed() && !window.webContents.isDestroyed()

/** The menu's actions, exposed for tests; `installDesktopMenu` builds the menu from them. */
export function desktopMenuActions(deps: DesktopMenuDeps) {
  const deliver = createMenuCommandDelivery(deps.log)
  return {
    /**
     * Sends a command to the window's page once it has loaded; with no window (macOS), opens one first. A page that
     * fails to load gets nothing (`menu-command-delivery.ts`).
     */
    sendToWindow(command: MenuCommand): void {
      let window = deps.window()
      if (!isOpen(window)) {
        deps.showWindow()
        window = deps.window()
        if (!isOpen(window)) {
          deps.log.warn('the menu could not open a window for its command', { command })
          return
        }
      }
      deliver(window.webContents, command)
    },
    async showAbout(): Promise<void> {
      const detail = aboutDetail(deps.appVersion, await ollamaVersion(deps.core()))
      await deps.dialog?.showMessageBox({
        type: 'info',
        title: `About ${APP_NAME}`,
        message: APP_NAME,
        detail,
        buttons: ['OK'],
      })
    },
    /** Opens the log's folder; when that fails, logs why and tells the person in a dialog (a menu has no other voice). */
    async openLogFolder(): Promise<void> {
      const result = await deps.core()?.dispatch('app:openLogFolder', {})
      if (result === undefined || (result.ok && result.value.opened)) return
      const detail = result.ok
        ? 'This run of ollmchat writes no log file, so there is no folder to open.'
        : result.error.message
      deps.log.warn('the menu could not open the log folder', { error: detail })
      await deps.dialog?.showMessageBox({
        type: 'warning',
        title: APP_NAME,
        message: 'The log folder could not be opened.',
        detail,
        buttons: ['OK'],
      })
    },
    async reportProblem(): Promise<void> {
      const url = problemReportUrl({
        appVersion: deps.appVersion,
        electronVersion: deps.electronVersion,
        os: deps.os,
        ollamaVersion: await ollamaVersion(deps.core()),
      })
      await deps.shell.openExternal(url)
    },
  }
}

/** Builds and sets the application menu; a failing action is logged, never thrown at Electron's menu code. */
export function installDesktopMenu(deps: DesktopMenuDeps): void {
  const actions = desktopMenuActions(deps)
  const failed = (what: string) => (error: unknown) =>
    deps.log.warn(`the menu could not ${what}`, { error: error instanceof Error ? error.message : String(error) })
  deps.setApplicationMenu(
    buildMenuTemplate({
      platform: deps.platform,
      isDevelopment: deps.isDevelopment,
      appName: APP_NAME,
      actions: {
        sendToWindow: (command) => actions.sendToWindow(command),
        showAbout: () => void actions.showAbout().catch(failed('show About')),
        openLogFolder: () => void actions.openLogFolder().catch(failed('open the log folder')),
        reportProblem: () => void actions.reportProblem().catch(failed('open the problem report')),
      },
    }),
  )
}
