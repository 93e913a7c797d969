import type { ModelOptions, Settings, SettingsPatch, ThemePreference } from '../../../src-shared/types'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { silentLogger, type Logger } from '../log'
import type { TempModelRegistry } from '../models/temp-model-registry'
import { checkHostSetting } from '../ollama/host-setting'
import type { WindowState } from './settings-schema'
import { createStoredTempModelRegistry } from './stored-temp-models'

export type { WindowState } from './settings-schema'

/** The app's settings over a `KeyValueStore`: validated writes, defaults for anything missing or malformed. */
export interface SettingsService {
  get(): Settings
  /**
   * Validates the whole patch before writing any of it; throws `INVALID_INPUT` naming the problem. The host
   * is stored normalized (`localhost` → `http://localhost:11434`); an empty host or model means `null`.
   */
  update(patch: SettingsPatch): Settings
  getNumCtx(model: string): number | null
  /** `null` removes the option ("reset to default"); throws `INVALID_NUM_CTX` unless a positive integer. */
  setNumCtx(model: string, numCtx: number | null): void
  /** `null` until a valid geometry was saved. */
  getWindowState(): WindowState | null
  /** Rounds to whole pixels; throws a `TypeError` for non-finite numbers or a size under one pixel. */
  setWindowState(state: WindowState): void
  /** Persisted under `tempModels`. */
  readonly tempModels: TempModelRegistry
  /** Called with the new settings after every change that `get()` can see; returns the unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void
}

/** Inputs of `createSettingsService`. */
export interface SettingsServiceOptions {
  /** Maps a model name to its storage key, so every spelling of one model shares its options. */
  modelKey: (model: string) => string
  /** Where a throwing `onChange` listener is reported. */
  log?: Logger
}

const THEMES: readonly ThemePreference[] = ['system', 'light', 'dark']
const PATCH_KEYS: ReadonlySet<string> = new Set(['ollamaHost', 'theme', 'defaultModel', 'lastConversationId'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isTheme = (value: unknown): value is ThemePreference => THEMES.includes(value as ThemePreference)
const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null)
const invalid = (message: string) => new AppFailure('INVALID_INPUT', message)

function readModelOptions(value: unknown): Record<string, ModelOptions> {
  if (!isRecord(value)) return {}
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, entry]) => (isRecord(entry) && isPositiveInteger(entry.numCtx) ? [[key, { numCtx: entry.numCtx }]] : [])),
  )
}

function readWindowState(value: unknown): WindowState | null {
  if (!isRecord(value) || !isPositiveInteger(value.width) || !isPositiveInteger(value.height) || typeof value.maximized !== 'boolean') return null
  const state: WindowState = { width: value.width, height: value.height, maximized: value.maximized }
  if (Number.isInteger(value.x)) state.x = value.x as number
  if (Number.isInteger(value.y)) state.y = value.y as number
  return state
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
    if (!isTheme(patch.theme)) throw invalid('theme must be "system", "light" or "dark".')
    result.theme = patch.theme
  }
  if ('defaultModel' in patch) result.defaultModel = text('defaultModel', patch.defaultModel)
  if ('lastConversationId' in patch) result.lastConversationId = text('lastConversationId', patch.lastConversationId)
  return result
}

function checkWindowState(state: WindowState): WindowState {
  const whole = (name: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`Window ${name} must be a finite number.`)
    return Math.round(value)
  }
  const width = whole('width', state.width)
  const height = whole('height', state.height)
  if (width < 1 || height < 1) throw new TypeError(`Window size ${width}×${height} is not a usable size.`)
  if (typeof state.maximized !== 'boolean') throw new TypeError('Window maximized must be true or false.')
  const checked: WindowState = { width, height, maximized: state.maximized }
  if (state.x !== undefined) checked.x = whole('x', state.x)
  if (state.y !== undefined) checked.y = whole('y', state.y)
  return checked
}

/** Builds the settings service; every read goes to the store, so a second service over it stays in step. */
export function createSettingsService(store: KeyValueStore, options: SettingsServiceOptions): SettingsService {
  const log = options.log ?? silentLogger
  const listeners = new Set<(settings: Settings) => void>()

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
  const notify = () => {
    const settings = get()
    for (const listener of listeners) {
      try {
        listener(settings)
      } catch (error) {
        log.error('a settings listener failed', { error: error instanceof Error ? error.message : String(error) })
      }
    }
  }

  return {
    get,
    update(patch) {
      const changes = normalizePatch(patch)
      const current = get()
      let changed = false
      for (const [key, value] of Object.entries(changes)) {
        if (current[key as keyof Settings] === value) continue
        store.set(key, value)
        changed = true
      }
      if (changed) notify()
      return get()
    },
    getNumCtx: (model) => readModelOptions(store.get('modelOptions'))[options.modelKey(model)]?.numCtx ?? null,
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
      notify()
    },
    getWindowState: () => readWindowState(store.get('window')),
    setWindowState(state) {
      store.set('window', checkWindowState(state))
    },
    tempModels: createStoredTempModelRegistry(store),
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
