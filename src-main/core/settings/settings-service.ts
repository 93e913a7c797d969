import { DEFAULT_SETTINGS, isTheme, THEMES, type ModelOptions, type Settings, type SettingsPatch } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import type { TempModelRegistry } from '../models/temp-model-registry'
import { checkHostSetting } from '../ollama/host-setting'
import { createStoredTempModelRegistry } from './stored-temp-models'

/** The app's settings over a `KeyValueStore`: validated writes, defaults for anything missing or malformed. */
export interface SettingsService {
  get(): Settings
  /**
   * Validates the whole patch before writing any of it; throws `INVALID_INPUT` naming the problem. The host
   * is stored normalized (`localhost` → `http://localhost:11434`); an empty host or model means `null`. Returns
   * the settings after the change.
   */
  update(patch: SettingsPatch): Settings
  getNumCtx(model: string): number | null
  /**
   * The `num_ctx` of every model as stored right now, read once: for a listing, which asks about every model
   * (any spelling of a name finds its option, as with `getNumCtx`).
   */
  numCtxLookup(): (model: string) => number | null
  /** `null` removes the option ("reset to default"); throws `INVALID_NUM_CTX` unless a positive integer. */
  setNumCtx(model: string, numCtx: number | null): void
  /** Persisted under `tempModels`, per Ollama host. */
  readonly tempModels: TempModelRegistry
}

/** Inputs of `createSettingsService`. */
export interface SettingsServiceOptions {
  /** Maps a model name to its storage key, so every spelling of one model shares its options. */
  modelKey: (model: string) => string
}

const PATCH_KEYS: ReadonlySet<string> = new Set(['ollamaHost', 'theme', 'defaultModel', 'lastConversationId'])

const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null)
const invalid = (message: string) => new AppFailure('INVALID_INPUT', message)
const quotedThemes = THEMES.map((theme) => `"${theme}"`)
const themeChoice = `${quotedThemes.slice(0, -1).join(', ')} or ${quotedThemes.at(-1) ?? ''}`

function readModelOptions(value: unknown): Record<string, ModelOptions> {
  if (!isRecord(value)) return {}
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, entry]) => (isRecord(entry) && isPositiveInteger(entry.numCtx) ? [[key, { numCtx: entry.numCtx }]] : [])),
  )
}

/** Checks a patch and returns it normalized, as the values to store. */
function normalizePatch(patch: SettingsPatch): Partial<Settings> {
  if (!isRecord(patch)) throw invalid('Settings must be an object.')
  const unknown = Object.keys(patch).find((key) => !PATCH_KEYS.has(key))
  if (unknown !== undefined) throw invalid(`"${unknown}" is not a setting that can be changed here.`)
  const result: Partial<Settings> = {}
  const text = (key: keyof SettingsPatch, value: unknown): string | null => {
    if (value === null) return null
    if (typeof value !== 'string') throw invalid(`${key} must be text or null.`)
    return value.trim() === '' ? null : value.trim()
  }
  if ('ollamaHost' in patch) {
    const host = text('ollamaHost', patch.ollamaHost)
    if (host === null) result.ollamaHost = null
    else {
      const checked = checkHostSetting(host)
      if (!checked.ok) throw invalid(checked.message)
      result.ollamaHost = checked.value
    }
  }
  if ('theme' in patch) {
    if (!isTheme(patch.theme)) throw invalid(`theme must be ${themeChoice}.`)
    result.theme = patch.theme
  }
  if ('defaultModel' in patch) result.defaultModel = text('defaultModel', patch.defaultModel)
  if ('lastConversationId' in patch) result.lastConversationId = text('lastConversationId', patch.lastConversationId)
  return result
}

/** Builds the settings service; every read goes to the store, so a second service over it stays in step. */
export function createSettingsService(store: KeyValueStore, options: SettingsServiceOptions): SettingsService {
  const get = (): Settings => {
    const theme = store.get('theme')
    return {
      ollamaHost: stringOrNull(store.get('ollamaHost')),
      theme: isTheme(theme) ? theme : DEFAULT_SETTINGS.theme,
      defaultModel: stringOrNull(store.get('defaultModel')),
      lastConversationId: stringOrNull(store.get('lastConversationId')),
      modelOptions: readModelOptions(store.get('modelOptions')),
    }
  }
  const numCtxLookup = () => {
    const all = readModelOptions(store.get('modelOptions'))
    return (model: string) => all[options.modelKey(model)]?.numCtx ?? null
  }

  return {
    get,
    update(patch) {
      const changes = normalizePatch(patch)
      const current = get()
      for (const [key, value] of Object.entries(changes)) {
        if (current[key as keyof Settings] !== value) store.set(key, value)
      }
      return { ...current, ...changes }
    },
    getNumCtx: (model) => numCtxLookup()(model),
    numCtxLookup,
    setNumCtx(model, numCtx) {
      if (model.trim() === '') throw invalid('A model name is required.')
      if (numCtx !== null && !isPositiveInteger(numCtx)) {
        throw new AppFailure('INVALID_NUM_CTX', 'The context length must be a positive whole number of tokens.')
      }
      const key = options.modelKey(model)
      const stored = store.get('modelOptions')
      const all = isRecord(stored) ? stored : {}
      const entry = isRecord(all[key]) ? all[key] : {}
      if ((entry.numCtx ?? null) === numCtx) return
      // Other (newer) per-model options in the entry are kept; an entry left empty is removed.
      const { numCtx: _previous, ...rest } = entry
      const next = numCtx === null ? rest : { ...rest, numCtx }
      const others = Object.entries(all).filter(([candidate]) => candidate !== key)
      store.set('modelOptions', Object.fromEntries(Object.keys(next).length === 0 ? others : [...others, [key, next]]))
    },
    tempModels: createStoredTempModelRegistry(store),
  }
}
