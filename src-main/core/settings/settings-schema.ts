import type { Schema } from 'conf'
import { REPLY_IDLE_MINUTES_RANGE, TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { DEFAULT_SETTINGS, THEMES, type HostEntry, type ModelOptions, type ThemePreference } from '../../../src-shared/types'
import type { TempModelRecord } from '../models/temp-model-registry'
import { PRESET_RULE, type SystemPromptPreset } from '../../../src-shared/prompt-presets'

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
  theme: ThemePreference
  defaultModel: string | null
  lastConversationId: string | null
  /** The Ollama hosts the user added (header values are in the secret store, not here). */
  hosts: HostEntry[]
  /** One of `hosts`, or `null` for `OLLAMA_HOST` (else the default). */
  activeHostId: string | null
  /** Per host address, then per canonical model name (see `createSettingsService`'s `modelKey`). */
  hostModelOptions: Record<string, Record<string, ModelOptions>>
  tempModelLimit: number
  notifyTempModelCreated: boolean
  /** Absent until changed: older files have none, and the default applies. */
  replyIdleMinutes?: number
  window?: WindowState
  /** Saved system prompts; absent until the first is saved. */
  systemPromptPresets?: SystemPromptPreset[]
  /** Older versions' single host; moved into `hosts` at the first start of this one. */
  ollamaHost?: string | null
  /** Older versions' options without a host; moved into `hostModelOptions`. */
  modelOptions?: Record<string, ModelOptions>
  /**
   * Older versions' temporary-model records, keyed by `<host> <path in lower case>`; imported into the history
   * database. Entries without `host` still pass the schema (so the file is not judged broken) but are ignored.
   */
  tempModels?: Record<string, TempModelRecord>
}

/** The settings file's name without extension: `settings.json` in the app's data folder. */
export const SETTINGS_FILE_NAME = 'settings'

/** Keys whose value is a map of independent entries: when the file is repaired, entries are kept one by one. */
export const SETTINGS_MAP_KEYS: ReadonlySet<string> = new Set(['modelOptions', 'tempModels', 'hostModelOptions'])

const nullableString = { type: ['string', 'null'] } as const
const positiveInteger = { type: 'integer', minimum: 1 } as const

// Objects accept unknown properties on purpose: a settings file written by a newer ollmchat (with new options)
// must not be judged invalid, and partly discarded, by an older one.
const modelOptionsSchema = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { numCtx: positiveInteger } },
} as const

export const SETTINGS_SCHEMA: Schema<StoredSettings> = {
  ollamaHost: nullableString,
  hosts: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 1 },
        url: { type: 'string', minLength: 1 },
        name: nullableString,
        headerNames: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'url', 'name', 'headerNames'],
    },
  },
  activeHostId: nullableString,
  hostModelOptions: { type: 'object', additionalProperties: modelOptionsSchema },
  tempModelLimit: { type: 'integer', minimum: TEMP_MODEL_LIMIT_RANGE.min, maximum: TEMP_MODEL_LIMIT_RANGE.max },
  notifyTempModelCreated: { type: 'boolean' },
  replyIdleMinutes: { type: 'integer', minimum: REPLY_IDLE_MINUTES_RANGE.min, maximum: REPLY_IDLE_MINUTES_RANGE.max },
  // Bounds only; `readPresetList` drops a damaged preset on its own rather than the whole list.
  systemPromptPresets: {
    type: 'array',
    maxItems: PRESET_RULE.maxCount,
    items: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, text: { type: 'string', maxLength: PRESET_RULE.maxTextLength } },
      required: ['id', 'name', 'text'],
    },
  },
  theme: { type: 'string', enum: [...THEMES] },
  defaultModel: nullableString,
  lastConversationId: nullableString,
  modelOptions: modelOptionsSchema,
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
  theme: 'system',
  defaultModel: null,
  lastConversationId: null,
  hosts: Object.freeze([]) as unknown as HostEntry[],
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
