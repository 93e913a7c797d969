import type { ThemePreference } from '../../src-shared/types'

/**
 * Makes the page follow a theme preference. `system` leaves the choice to the CSS
 * `prefers-color-scheme` query; `light`/`dark` pin it with `data-theme` on the root element.
 */
export function applyTheme(preference: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (preference === 'system') {
    delete root.dataset.theme
    root.style.colorScheme = 'light dark'
  } else {
    root.dataset.theme = preference
    root.style.colorScheme = preference
  }
}
