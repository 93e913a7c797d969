import { followHostChange } from './follow-host-change'
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
   * refuses); other keys are left alone, so concurrent saves do not undo each other. A change of host takes
   * every host-linked key (see `HOST_LINKED_KEYS`). Resolves with the refusal or `null`.
   */
  updateSettings: (patch: SettingsPatch) => Promise<AppError | null>
  /** Takes main's answer for `keys` (a host added or removed: main's whole answer about hosts). */
  takeSettings: (source: Settings, keys: ReadonlyArray<keyof Settings>) => void
  /** Another window (or main) changed the theme. */
  applyThemeEvent: (theme: ThemePreference) => void
  /**
   * Main's settings after a change from any window. Keys this window is still saving keep what it shows (their
   * answer settles them); a new active host is then checked and listed as after a switch made here.
   */
  applySettingsEvent: (settings: Settings) => void
}

/**
 * Keys that change together when the host changes: the active host's address, which host is active, the host
 * list (patching `ollamaHost` may add one) and the per-model options, which belong to the active host.
 */
export const HOST_LINKED_KEYS: ReadonlyArray<keyof Settings> = ['ollamaHost', 'activeHostId', 'hosts', 'modelOptions']

/** The keys whose saved values a patch changes, host-linked ones all together. */
function keysChangedBy(patch: SettingsPatch): Array<keyof Settings> {
  const keys = Object.keys(patch) as Array<keyof Settings>
  return keys.some((key) => HOST_LINKED_KEYS.includes(key)) ? [...new Set([...keys, ...HOST_LINKED_KEYS])] : keys
}

/** What the settings read like before main answers: a host switch shows the new host's address at once. */
function optimistic(before: Settings, patch: SettingsPatch): Settings {
  const next = { ...before, ...patch }
  if (patch.activeHostId !== undefined && patch.ollamaHost === undefined) {
    next.ollamaHost = before.hosts.find((host) => host.id === patch.activeHostId)?.url ?? null
  }
  return next
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (bridge) => (set, get) => {
  /**
   * How many of this window's saves in flight change each key. An event may tell of a state from before such a
   * save (another window's earlier change, or this save's own echo racing its answer), so it leaves those keys to
   * the answer rather than flick the person's change back.
   */
  const saving = new Map<keyof Settings, number>()
  const hold = (keys: ReadonlyArray<keyof Settings>, by: 1 | -1) => {
    for (const key of keys) {
      const count = (saving.get(key) ?? 0) + by
      if (count > 0) saving.set(key, count)
      else saving.delete(key)
    }
  }
  /** The latest event's settings and how many events came, for a refused save (see `updateSettings`). */
  let heard: { settings: Settings; count: number } | null = null

  return {
    settings: DEFAULT_SETTINGS,
    settingsLoaded: false,

    async loadSettings() {
      const result = await safeCall(bridge, 'settings:get', {})
      if (result.ok) set({ settings: result.value, settingsLoaded: true })
      else set({ settingsLoaded: true })
    },

    async updateSettings(patch) {
      const before = get().settings
      const keys = keysChangedBy(patch)
      const heardBefore = heard?.count ?? 0
      hold(keys, 1)
      set({ settings: optimistic(before, patch) })
      const result = await safeCall(bridge, 'settings:update', patch)
      hold(keys, -1)
      // A refusal changed nothing in main: the keys go back to what it last said, `before` unless an event (another
      // window's change, which this window held back) came while this save was in flight.
      const unchanged = heard !== null && heard.count > heardBefore ? heard.settings : before
      // Either way only this patch's keys are touched: main answered before it saw a save still in flight,
      // and taking its whole answer would undo that save on screen.
      get().takeSettings(result.ok ? result.value : unchanged, keys)
      return result.ok ? null : result.error
    },

    takeSettings(source, keys) {
      const update = Object.fromEntries(keys.map((key) => [key, source[key]]))
      set((state) => ({ settings: { ...state.settings, ...update } }))
    },

    applyThemeEvent(theme) {
      set((state) => ({ settings: { ...state.settings, theme } }))
    },

    applySettingsEvent(settings) {
      heard = { settings, count: (heard?.count ?? 0) + 1 }
      const before = get().settings
      const shown = Object.fromEntries([...saving.keys()].map((key) => [key, before[key]]))
      const next = { ...settings, ...shown }
      set({ settings: next })
      if (next.activeHostId === before.activeHostId && next.ollamaHost === before.ollamaHost) return
      followHostChange(get())
    },
  }
}
