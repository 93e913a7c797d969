import { join } from 'node:path'
import Conf from 'conf'
import type { KeyValueStore } from '../core-types'
import type { Logger } from '../log'
import { openRecoveringSettingsStore, type SettingsRepair } from './settings-recovery'
import { SETTINGS_STORE_OPTIONS, type StoredSettings } from './settings-schema'

/** Hooks of `openFileSettingsStore`, passed on to `openRecoveringSettingsStore`. */
export interface FileSettingsStoreOptions {
  /** Required: a repaired settings file must be reported (the README promises the log says what was dropped). */
  log: Logger
  now?: () => Date
  onRepair?: (repair: SettingsRepair) => void
}

/**
 * The settings store outside Electron (browser mode, tests): `conf` on `<dir>/settings.json`, with the same
 * schema, defaults and repair behaviour as the app's electron-store (see `openRecoveringSettingsStore`).
 */
export function openFileSettingsStore(dir: string, options: FileSettingsStoreOptions): KeyValueStore {
  // electron-store takes the file name as `name`; conf itself calls it `configName`.
  const { name, ...shared } = SETTINGS_STORE_OPTIONS
  return openRecoveringSettingsStore({
    ...options,
    file: join(dir, `${name}.json`),
    open: () => new Conf<StoredSettings>({ ...shared, configName: name, cwd: dir, projectName: 'ollmchat' }),
  })
}
