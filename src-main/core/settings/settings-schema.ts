import type { Schema } from 'conf'
import type { z } from 'zod'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { storedSettingsJsonSchema, type storedSettingsSchema, type windowStateSchema } from './stored-shapes'

/** The window's last geometry, restored at the next start. */
export type WindowState = z.output<typeof windowStateSchema>

/**
 * Everything the settings file holds, as `storedSettingsSchema` (`stored-shapes.ts`) states it; a type alias, so conf
 * takes it as a `Record<string, unknown>`. `window` is absent until the window has been closed once.
 */
export type StoredSettings = z.output<typeof storedSettingsSchema>

/** The settings file's name without extension: `settings.json` in the app's data folder. */
export const SETTINGS_FILE_NAME = 'settings'

/** Keys whose value is a map of independent entries: when the file is repaired, entries are kept one by one. */
export const SETTINGS_MAP_KEYS: ReadonlySet<string> = new Set(['modelOptions', 'tempModels', 'hostModelOptions'])

/** conf's schema, derived from the zod shapes so the two cannot disagree. */
export const SETTINGS_SCHEMA = storedSettingsJsonSchema() as Schema<StoredSettings>

/** What a new settings file starts with. */
export const SETTINGS_DEFAULTS: Readonly<StoredSettings> = Object.freeze({
  theme: 'system',
  defaultModel: null,
  lastConversationId: null,
  hosts: Object.freeze([]) as unknown as StoredSettings['hosts'],
  activeHostId: null,
  hostModelOptions: Object.freeze({}),
  tempModelLimit: DEFAULT_SETTINGS.tempModelLimit,
  notifyTempModelCreated: DEFAULT_SETTINGS.notifyTempModelCreated,
})

/**
 * The options both shells pass to their store: `new ElectronStore(SETTINGS_STORE_OPTIONS)` in the app, and
 * `openFileSettingsStore` (conf) elsewhere, so both read and write the same `settings.json` the same way.
 *
 * - `clearInvalidConfig: false`: conf's `true` would silently replace an unreadable or invalid file with the
 *   defaults, losing every setting because of one bad value. Instead the store refuses the file and
 *   `openRecoveringSettingsStore` repairs it: the file is kept as a backup, valid keys (and valid entries of
 *   map keys) are carried over, and a warning names what was dropped.
 * - `accessPropertiesByDotNotation: false`: keys are whole names; model names contain dots (`llama3.2`).
 */
export const SETTINGS_STORE_OPTIONS = {
  name: SETTINGS_FILE_NAME,
  schema: SETTINGS_SCHEMA,
  defaults: SETTINGS_DEFAULTS,
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: false,
} as const
