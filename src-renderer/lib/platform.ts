/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent)
}

/** How to write a Ctrl/⌘ shortcut for this platform, e.g. `Ctrl+K` or `⌘K`. */
export function shortcutLabel(key: string): string {
  return isMac() ? `⌘${key}` : `Ctrl+${key}`
}
