/**
 * The window's shortcuts, written once: the desktop menu's accelerators (app-menu.ts) and the page's own key
 * handling (use-global-shortcuts.ts) both read this table, so a key changed here changes in both. In the desktop
 * app the menu takes a key first; in browser mode only the page sees it. Either way the same command runs.
 */
import type { MenuCommand } from './types'

/** A shortcut: the platform's command key (Cmd on macOS, Ctrl elsewhere) with `key`, and Shift when `shift`. */
export interface CommandKey {
  /** The key as `KeyboardEvent.key` names it, in lower case (`n`, `,`). */
  key: string
  shift?: true
}

/** Each command's shortcuts; the first is the one the menu shows. */
export const WINDOW_COMMAND_KEYS: Readonly<Record<MenuCommand, readonly [CommandKey, ...CommandKey[]]>> = {
  // Browsers keep Ctrl+N for a new window and never hand it to a page, so browser mode also takes Ctrl/Cmd+Shift+O
  // (the shortcut web chat apps use).
  newChat: [{ key: 'n' }, { key: 'o', shift: true }],
  search: [{ key: 'k' }],
  settings: [{ key: ',' }],
}

/** Electron's accelerator string for a command's first shortcut, e.g. `CmdOrCtrl+N`. */
export function acceleratorFor(command: MenuCommand): string {
  const [first] = WINDOW_COMMAND_KEYS[command]
  return ['CmdOrCtrl', ...(first.shift ? ['Shift'] : []), first.key.toUpperCase()].join('+')
}

/** The parts of a `KeyboardEvent` a shortcut is matched on (a plain object in tests and in main). */
export interface KeyPressLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/**
 * The command a key press asks for, or `null`. Ctrl and Cmd both count as the command key (a Mac keyboard on
 * Linux, a PC keyboard on a Mac); Alt never does, as Alt combinations type characters on many layouts.
 */
export function commandForKeyPress(press: KeyPressLike): MenuCommand | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null
  const key = press.key.toLowerCase()
  for (const [command, keys] of Object.entries(WINDOW_COMMAND_KEYS) as [MenuCommand, readonly CommandKey[]][]) {
    if (keys.some((candidate) => candidate.key === key && (candidate.shift === true) === press.shiftKey)) return command
  }
  return null
}
