import { useEffect } from 'react'
import { useAppStore } from '../../store/store-context'

/** How often a visible window asks the core to look at Ollama's models again. */
export const MODEL_REFRESH_MS = 5000

const isVisible = () => document.visibilityState === 'visible'

/**
 * Keeps the model list true to Ollama (pulls, removals, loads and unloads happen outside the app): while the
 * page is visible the core is asked every few seconds, and at once when the window gains focus or the page
 * becomes visible again. A hidden window never asks, so a minimised app costs Ollama nothing. Changes
 * come back as `models:changed`.
 */
export function useModelRefresh(): void {
  const store = useAppStore()
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null
    const refresh = () => {
      if (isVisible()) void store.getState().refreshModels()
    }
    const stop = () => {
      if (timer !== null) clearInterval(timer)
      timer = null
    }
    const start = () => {
      stop()
      timer = setInterval(refresh, MODEL_REFRESH_MS)
    }
    const onVisibilityChange = () => {
      if (!isVisible()) return stop()
      refresh()
      start()
    }
    if (isVisible()) start()
    document.addEventListener('visibilitychange', onVisibilityChange)
    window.addEventListener('focus', refresh)
    return () => {
      stop()
      document.removeEventListener('visibilitychange', onVisibilityChange)
      window.removeEventListener('focus', refresh)
    }
  }, [store])
}
