import type { AppError } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch, type ThemePreference } from '../../src-shared/types'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** The settings main keeps for the renderer (hydrated once, then changed through `settings:update`). */
export interface SettingsSlice {
  settings: Settings
  settingsLoaded: boolean
  loadSettings: () => Promise<void>
  /**
   * Applies the patch at once, then takes main's saved values for the patch's keys (or reverts them if main
   * refuses); other keys are left alone, so concurrent saves do not undo each other. Resolves with the
   * refusal or `null`.
   */
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
    // Either way only this patch's keys are touched: main answered before it saw a save still in flight,
    // and taking its whole answer would undo that save on screen.
    const keys = Object.keys(patch) as Array<keyof SettingsPatch>
    const source: Settings = result.ok ? result.value : before
    const update = Object.fromEntries(keys.map((key) => [key, source[key]]))
    set((state) => ({ settings: { ...state.settings, ...update } }))
    return result.ok ? null : result.error
  },

  applyThemeEvent(theme) {
    set((state) => ({ settings: { ...state.settings, theme } }))
  },
})
