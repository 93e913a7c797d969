/**
 * The main window's theme: the stored preference picks the native theme and the background the window shows
 * before the page paints, and a change of the setting is followed while the window is open.
 */
import type { Core, KeyValueStore } from '../core/core-types'
import { isTheme, type ThemePreference } from '../../src-shared/types'
import type { NativeThemeLike, WindowLike } from './electron-like'
import { backgroundColorFor } from './window'

/** The stored theme preference; `system` when it is missing, unknown or the store cannot be read. */
export function storedTheme(store: KeyValueStore): ThemePreference {
  try {
    const theme = store.get('theme')
    return isTheme(theme) ? theme : 'system'
  } catch {
    return 'system'
  }
}

/** Applies `theme` to the native theme (menus, dialogs) and returns the window background that matches it. */
export function applyTheme(theme: ThemePreference, nativeTheme: NativeThemeLike | undefined): string {
  if (nativeTheme) nativeTheme.themeSource = theme
  return backgroundColorFor(theme, nativeTheme?.shouldUseDarkColors ?? false)
}

/** Follows the theme setting for `window`; the returned function stops following (call it when the window closes). */
export function followThemeSetting(
  core: Core,
  window: WindowLike,
  nativeTheme: NativeThemeLike | undefined,
): () => void {
  return core.events.on('settings:theme', ({ theme }) => {
    const background = applyTheme(theme, nativeTheme)
    if (!window.isDestroyed()) window.setBackgroundColor(background)
  })
}
