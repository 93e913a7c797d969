import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { acceleratorFor } from '../../src-shared/window-commands'
import { buildMenuTemplate, type MenuActions } from './app-menu'

function actions() {
  return {
    sendToWindow: vi.fn<MenuActions['sendToWindow']>(),
    showAbout: vi.fn<() => void>(),
    openLogFolder: vi.fn<() => void>(),
    reportProblem: vi.fn<() => void>(),
  }
}

const build = (platform: NodeJS.Platform, isDevelopment = false, acts = actions()) =>
  buildMenuTemplate({ platform, isDevelopment, appName: 'ollmchat', actions: acts })

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[]
const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label ?? item.type)
const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label === label || item.role === label)
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.()

describe('buildMenuTemplate', () => {
  it('has the macOS app menu with about, services, hide and quit on macOS only', () => {
    const mac = build('darwin')
    expect(mac[0]?.label).toBe('ollmchat')
    expect(roles(submenu(mac[0]))).toEqual([
      'About ollmchat',
      'separator',
      'Settings…',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ])
    expect(roles(build('linux'))).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(roles(mac)).toEqual(['ollmchat', 'File', 'editMenu', 'View', 'windowMenu', 'help'])
  })

  it('offers New chat, Search and Settings with the window’s shortcuts, and Quit in File on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const file = submenu(byLabel(build(platform), 'File'))
      expect(file.map((item) => [item.label ?? item.role ?? item.type, item.accelerator])).toEqual([
        ['New Chat', 'CmdOrCtrl+N'],
        ['Search Chats', 'CmdOrCtrl+K'],
        ['separator', undefined],
        ['Settings', 'CmdOrCtrl+,'],
        ['separator', undefined],
        ['quit', undefined],
      ])
    }
    expect(roles(submenu(byLabel(build('darwin'), 'File')))).toEqual(['New Chat', 'Search Chats', 'separator', 'close'])
    // The page's shortcuts read the same table (src-shared/window-commands.ts).
    expect(submenu(build('darwin')[0]).find((item) => item.label === 'Settings…')?.accelerator).toBe(
      acceleratorFor('settings'),
    )
  })

  it('sends each window action as its command', () => {
    const acts = actions()
    const file = submenu(byLabel(build('linux', false, acts), 'File'))
    for (const label of ['New Chat', 'Search Chats', 'Settings']) click(file.find((item) => item.label === label))
    expect(acts.sendToWindow.mock.calls).toEqual([['newChat'], ['search'], ['settings']])
  })

  it('offers reload and the developer tools only in development', () => {
    const view = (development: boolean) => roles(submenu(byLabel(build('linux', development), 'View')))
    expect(view(false)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen'])
    expect(view(true)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'separator',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ])
  })

  it('has Open log folder, Report a problem and (outside macOS) About in Help, each calling its action', () => {
    const acts = actions()
    const help = submenu(byLabel(build('win32', false, acts), 'help'))
    expect(roles(help)).toEqual(['Open Log Folder', 'Report a Problem…', 'separator', 'About ollmchat'])
    help.forEach(click)
    expect([acts.openLogFolder, acts.reportProblem, acts.showAbout].map((fn) => fn.mock.calls.length)).toEqual([
      1, 1, 1,
    ])
    expect(roles(submenu(byLabel(build('darwin'), 'help')))).toEqual(['Open Log Folder', 'Report a Problem…'])
  })
})
