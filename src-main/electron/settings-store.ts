/**
 * The app's settings file through electron-store, seen by the core as a plain `KeyValueStore`. electron-store
 * imports `electron`, so only the shell may load this module.
 */
import { join } from 'node:path'
import ElectronStore from 'electron-store'
import type { KeyValueStore } from '../core/core-types'
import type { Logger } from '../core/log'
import { openRecoveringSettingsStore, type ConfLike, type SettingsRepair } from '../core/settings/settings-recovery'
import { SETTINGS_STORE_OPTIONS, type StoredSettings } from '../core/settings/settings-schema'

/** Inputs of `createSettingsStore`. */
export interface SettingsStoreOptions {
  /** The folder the settings file lives in: `app.getPath('userData')`. */
  dir: string
  log: Logger
  onRepair?: (repair: SettingsRepair) => void
}

/**
 * Opens `<dir>/settings.json` with the shared schema and defaults, the same file and rules as browser mode's
 * conf store. A file that is unreadable or breaks the schema is repaired, not silently reset (see
 * `openRecoveringSettingsStore`).
 */
export function createSettingsStore(options: SettingsStoreOptions): KeyValueStore {
  return openRecoveringSettingsStore({
    file: join(options.dir, `${SETTINGS_STORE_OPTIONS.name}.json`),
    open: (): ConfLike => new ElectronStore<StoredSettings>({ ...SETTINGS_STORE_OPTIONS, cwd: options.dir }),
    log: options.log,
    ...(options.onRepair ? { onRepair: options.onRepair } : {}),
  })
}
