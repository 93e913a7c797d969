import { z } from 'zod'
import { REPLY_IDLE_MINUTES_RANGE, TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { PRESET_RULE } from '../../../src-shared/prompt-presets'
import { THEMES } from '../../../src-shared/types'
import { tempModelRecordSchema } from '../models/temp-model-registry'
import { numCtxSchema } from './num-ctx-schema'

/**
 * The settings file's shapes, each stated once in zod. conf's JSON Schema is derived from them
 * (`settings-schema.ts`), so what the file may hold and what the code expects to read cannot drift apart.
 *
 * Objects are loose on purpose: a settings file written by a newer ollmchat (with new options) must not be judged
 * invalid, and partly discarded, by an older one.
 */

const nullableString = z.string().nullable()
const positiveInteger = z.int().min(1)

/** One model's options: only `numCtx` today; other (newer) fields are kept as they are. */
export const modelOptionsSchema = z.looseObject({ numCtx: numCtxSchema.optional() })

/** Per canonical model name (see `createSettingsService`'s `modelKey`). */
export const modelOptionsMapSchema = z.record(z.string(), modelOptionsSchema)

/** An Ollama host the user added; header values are in the secret store, only their names are here. */
export const hostEntrySchema = z.looseObject({
  id: z.string().min(1),
  url: z.string().min(1),
  name: nullableString,
  headerNames: z.array(z.string()),
})

/** The window's last geometry, restored at the next start. */
export const windowStateSchema = z.looseObject({
  width: positiveInteger,
  height: positiveInteger,
  x: z.int().optional(),
  y: z.int().optional(),
  maximized: z.boolean(),
})

/** Bounds only; `readPresetList` drops a damaged preset on its own rather than the whole list. */
const storedPresetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  text: z.string().max(PRESET_RULE.maxTextLength),
})

/**
 * Older versions' temporary-model record (`tempModelRecordSchema`). `host` is optional here so that records written
 * before records knew their host do not make the file invalid; `isTempModelRecord` ignores them.
 */
export const legacyTempModelSchema = z.looseObject({
  ...tempModelRecordSchema.shape,
  host: z.string().min(1).optional(),
})

const quotedThemes = THEMES.map((theme) => `"${theme}"`)
/**
 * The sentences a wrong value of a setting is refused with. They sit on the stored shapes, so a setting changed
 * through `settings:update` (`settingsPatchSchema`) is refused with the same rule and words the file is read with.
 */
const THEME_MESSAGE = `theme must be ${quotedThemes.slice(0, -1).join(', ')} or ${quotedThemes.at(-1) ?? ''}.`
const TEMP_MODEL_LIMIT_MESSAGE = `The limit of temporary models must be a whole number from ${TEMP_MODEL_LIMIT_RANGE.min} to ${TEMP_MODEL_LIMIT_RANGE.max}.`
const REPLY_IDLE_MESSAGE = `The time to wait for Ollama must be a whole number of minutes from ${REPLY_IDLE_MINUTES_RANGE.min} to ${REPLY_IDLE_MINUTES_RANGE.max}.`
const wholeIn = (range: { min: number; max: number }, message: string) =>
  z.int(message).min(range.min, message).max(range.max, message)

/**
 * Everything the settings file holds. Keys that are absent from a file take `SETTINGS_DEFAULTS` (conf fills them
 * in), so only the keys marked optional may stay absent once the file is read.
 */
export const storedSettingsSchema = z.looseObject({
  theme: z.enum(THEMES, THEME_MESSAGE),
  defaultModel: nullableString,
  lastConversationId: nullableString,
  /** The Ollama hosts the user added. */
  hosts: z.array(hostEntrySchema),
  /** One of `hosts`, or `null` for `OLLAMA_HOST` (else the default). */
  activeHostId: nullableString,
  /** Per host address, then per canonical model name. */
  hostModelOptions: z.record(z.string(), modelOptionsMapSchema),
  tempModelLimit: wholeIn(TEMP_MODEL_LIMIT_RANGE, TEMP_MODEL_LIMIT_MESSAGE),
  notifyTempModelCreated: z.boolean('notifyTempModelCreated must be true or false.'),
  /** Absent until changed: older files have none, and the default applies. */
  replyIdleMinutes: wholeIn(REPLY_IDLE_MINUTES_RANGE, REPLY_IDLE_MESSAGE).optional(),
  /** Absent until the window has been closed once. */
  window: windowStateSchema.optional(),
  /** Saved system prompts; absent until the first is saved. */
  systemPromptPresets: z.array(storedPresetSchema).max(PRESET_RULE.maxCount).optional(),
  /** Older versions' single host; moved into `hosts` at the first start of this one. */
  ollamaHost: nullableString.optional(),
  /** Older versions' options without a host; moved into `hostModelOptions`. */
  modelOptions: modelOptionsMapSchema.optional(),
  /** Older versions' temporary-model records, keyed by `<host> <path in lower case>`; imported into the history database. */
  tempModels: z.record(z.string(), legacyTempModelSchema).optional(),
})

/**
 * The settings file's JSON Schema for conf: one schema per top-level key, as conf's `schema` option takes them
 * (conf wraps them in an object schema and compiles it with Ajv's draft 2020-12, the draft zod emits). `input` is
 * the shape before any zod transform, which is what the file holds.
 */
export function storedSettingsJsonSchema(): Record<string, Record<string, unknown>> {
  const derived = z.toJSONSchema(storedSettingsSchema, { io: 'input', unrepresentable: 'throw' })
  return derived.properties as Record<string, Record<string, unknown>>
}
