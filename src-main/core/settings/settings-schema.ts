import type { Schema } from 'conf'
import { THEMES, type ModelOptions, type ThemePreference } from '../../../src-shared/types'
import type { TempModelRecord } from '../models/temp-model-registry'

/** The window's last geometry, restored at the next start. */
export interface WindowState {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

/**
 * Everything the settings file holds (a type alias, not an interface, because conf wants a
 * `Record<string, unknown>`). `window` is absent until the window has been closed once.
 */
export type StoredSettings = {
  ollamaHost: string | null
  theme: ThemePreference
  defaultModel: string | null
  lastConversationId: string | null
  /** Keyed by the canonical model name (see `createSettingsService`'s `modelKey`). */
  modelOptions: Record<string, ModelOptions>
  window?: WindowState
  /**
   * Keyed by `<host> <path in lower case>` (`tempModelRecordKey`). Entries without `host`, written before records
   * knew their host, still pass the schema (so the file is not judged broken) but the registry ignores them.
   */
  tempModels: Record<string, TempModelRecord>
}

/** The settings file's name without extension: `settings.json` in the app's data folder. */
export const SETTINGS_FILE_NAME = 'settings'

/** Keys whose value is a map of independent entries: when the file is repaired, entries are kept one by one. */
export const SETTINGS_MAP_KEYS: ReadonlySet<string> = new Set(['modelOptions', 'tempModels'])

const nullableString = { type: ['string', 'null'] } as const
const positiveInteger = { type: 'integer', minimum: 1 } as const

// Objects accept unknown properties on purpose: a settings file written by a newer ollmchat (with new options)
// must not be judged invalid, and partly discarded, by an older one.
export const SETTINGS_SCHEMA: Schema<StoredSettings> = {
  ollamaHost: nullableString,
  theme: { type: 'string', enum: [...THEMES] },
  defaultModel: nullableString,
  lastConversationId: nullableString,
  modelOptions: {
    type: 'object',
    additionalProperties: { type: 'object', properties: { numCtx: positiveInteger } },
  },
  window: {
    type: 'object',
    properties: {
      width: positiveInteger,
      height: positiveInteger,
      x: { type: 'integer' },
      y: { type: 'integer' },
      maximized: { type: 'boolean' },
    },
    required: ['width', 'height', 'maximized'],
  },
  tempModels: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        host: { type: 'string', minLength: 1 },
        path: { type: 'string', minLength: 1 },
        baseModel: { type: 'string', minLength: 1 },
        baseDigest: { type: 'string' },
        numCtx: positiveInteger,
        createdAt: { type: 'string' },
      },
      required: ['path', 'baseModel', 'baseDigest', 'numCtx', 'createdAt'],
    },
  },
}

/** What a new settings file starts with. */
export const SETTINGS_DEFAULTS: Readonly<StoredSettings> = Object.freeze({
  ollamaHost: null,
  theme: 'system',
  defaultModel: null,
  lastConversationId: null,
  modelOptions: Object.freeze({}),
  tempModels: Object.freeze({}),
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
