/**
 * The application menu as a plain template (Electron's `MenuItemConstructorOptions`), built by a pure function so
 * its shape is tested without Electron. Actions the window carries out (new chat, search, settings) are sent to it
 * as one `app:menuCommand` event, with the shortcuts the page answers to (src-shared/window-commands.ts); the Help
 * actions run in main.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../src-shared/types'
import { acceleratorFor } from '../../src-shared/window-commands'

/** What the menu's items do; `desktop-menu.ts` wires them to the window, the core and Electron. */
export interface MenuActions {
  /** Hands a command to the window (it runs the same action as its own shortcut). */
  sendToWindow(command: MenuCommand): void
  showAbout(): void
  openLogFolder(): void
  reportProblem(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  /** Reload and the developer tools are offered only to a development run (not a packaged app). */
  isDevelopment: boolean
  appName: string
  actions: MenuActions
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

function macAppMenu(options: MenuOptions): MenuItemConstructorOptions {
  return {
    label: options.appName,
    submenu: [
      // Not the `about` role: its panel cannot show the Ollama version.
      { label: `About ${options.appName}`, click: () => options.actions.showAbout() },
      separator,
      {
        label: 'Settings…',
        accelerator: acceleratorFor('settings'),
        click: () => options.actions.sendToWindow('settings'),
      },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  }
}

function fileMenu(options: MenuOptions): MenuItemConstructorOptions {
  const { actions } = options
  const mac = options.platform === 'darwin'
  return {
    label: 'File',
    submenu: [
      { label: 'New Chat', accelerator: acceleratorFor('newChat'), click: () => actions.sendToWindow('newChat') },
      { label: 'Search Chats', accelerator: acceleratorFor('search'), click: () => actions.sendToWindow('search') },
      // On macOS, Settings sits in the app menu and the window is closed, not the app quit, from here.
      ...(mac
        ? [separator, { role: 'close' } as const]
        : [
            separator,
            {
              label: 'Settings',
              accelerator: acceleratorFor('settings'),
              click: () => actions.sendToWindow('settings'),
            },
            separator,
            { role: 'quit' } as const,
          ]),
    ],
  }
}

function viewMenu(options: MenuOptions): MenuItemConstructorOptions {
  const development: MenuItemConstructorOptions[] = options.isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : []
  return {
    label: 'View',
    submenu: [
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  }
}

function helpMenu(options: MenuOptions): MenuItemConstructorOptions {
  const { actions } = options
  return {
    role: 'help',
    submenu: [
      { label: 'Open Log Folder', click: () => actions.openLogFolder() },
      { label: 'Report a Problem…', click: () => actions.reportProblem() },
      // macOS keeps About in the app menu.
      ...(options.platform === 'darwin'
        ? []
        : [separator, { label: `About ${options.appName}`, click: () => actions.showAbout() }]),
    ],
  }
}

/** The menu for `platform`: the macOS app menu there; File, Edit, View, Window and Help everywhere. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(options.platform === 'darwin' ? [macAppMenu(options)] : []),
    fileMenu(options),
    { role: 'editMenu' },
    viewMenu(options),
    { role: 'windowMenu' },
    helpMenu(options),
  ]
}
