import { useEffect } from 'react'
import { applyTheme } from '../../lib/theme'
import { useApp } from '../../store/store-context'

/** Keeps the page's theme in step with the settings (and with `settings:theme` from other windows). */
export function useThemeSync(): void {
  const theme = useApp((state) => state.settings.theme)
  useEffect(() => {
    applyTheme(theme)
  }, [theme])
}
