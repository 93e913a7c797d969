import type { AppError } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch, type ThemePreference } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** The settings main keeps for the renderer (hydrated once, then changed through `settings:update`). */
export interface SettingsSlice {
  settings: Settings
  settingsLoaded: boolean
  loadSettings: () => Promise<void>
  /** Applies the patch at once and reverts it if main refuses; resolves with the refusal or `null`. */
  updateSettings: (patch: SettingsPatch) => Promise<AppError | null>
  /** Another window (or main) changed the theme. */
  applyThemeEvent: (theme: ThemePreference) => void
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (bridge) => (set, get) => ({
  settings: DEFAULT_SETTINGS,
  settingsLoaded: false,

  async loadSettings() {
    const result = await safeCall(bridge, 'settings:get', {})
    if (result.ok) set({ settings: result.value, settingsLoaded: true })
    else set({ settingsLoaded: true })
  },

  async updateSettings(patch) {
    const before = get().settings
    set({ settings: { ...before, ...patch } })
    const result = await safeCall(bridge, 'settings:update', patch)
    if (result.ok) {
      set({ settings: result.value })
      return null
    }
    // Only the keys of this patch go back, so a concurrent change to another setting survives.
    const revert = Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof SettingsPatch]]))
    set((state) => ({ settings: { ...state.settings, ...revert } }))
    return result.error
  },

  applyThemeEvent(theme) {
    set((state) => ({ settings: { ...state.settings, theme } }))
  },
})
