import { REPLY_IDLE_MINUTES_RANGE, TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { DEFAULT_SETTINGS, isTheme, THEMES, type HostEntry, type ModelOptions, type Settings, type SettingsPatch } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import type { Logger } from '../log'
import type { TempModelRecord } from '../models/temp-model-registry'
import { checkHostSetting } from '../ollama/host-setting'
import { readActiveHost, readHosts, removeHost, saveHost } from './host-list'
import { readLegacyTempModels } from './stored-temp-models'
import { checkPresetList, readPresetList, type SystemPromptPreset } from '../../../src-shared/prompt-presets'

/**
 * The app's settings over a `KeyValueStore`: validated writes, defaults for anything missing or malformed. Per-model
 * options belong to an Ollama host (the same name on two hosts may be two different models), so those methods take
 * the host's address (`OllamaClient.host`).
 */
export interface SettingsService {
  /** The settings, with the per-model options of `host`. */
  get(host: string): Settings
  /**
   * Validates the whole patch before writing any of it; throws `INVALID_INPUT` naming the problem. An `ollamaHost`
   * (stored normalized, `localhost` → `http://localhost:11434`) becomes the active host, added to the list when new;
   * an empty one means `OLLAMA_HOST` or the default. An empty model means `null`. Returns the settings after it.
   */
  update(patch: SettingsPatch, host: string): Settings
  getNumCtx(host: string, model: string): number | null
  /** `get(host).replyIdleMinutes` alone: read at every reply start, which needs none of the other settings. */
  replyIdleMinutes(): number
  /**
   * The `num_ctx` of every model of `host` as stored right now, read once: for a listing, which asks about every
   * model (any spelling of a name finds its option, as with `getNumCtx`).
   */
  numCtxLookup(host: string): (model: string) => number | null
  /** `null` removes the option ("reset to default"); throws `INVALID_NUM_CTX` unless a positive integer. */
  setNumCtx(host: string, model: string, numCtx: number | null): void
  /** The active host entry, or `null` for `OLLAMA_HOST`/the default. */
  activeHost(): HostEntry | null
  hosts(): HostEntry[]
  /** Adds or changes a host (see `host-list.ts` `saveHost`). */
  saveHost(input: { id?: string; url: string; name?: string | null; headerNames?: string[] }): HostEntry
  removeHost(id: string): boolean
  /**
   * Moves what older versions kept elsewhere, once: a single `ollamaHost` becomes a host entry, options without a
   * host go to `currentHost` (the host they were set for), and temporary-model records (now machine state, kept in
   * the history database) are handed to `importTempModels` and removed from the settings.
   */
  migrateLegacy(currentHost: (hostSetting: string | null) => string, importTempModels: (records: TempModelRecord[]) => void): void
}

/** Inputs of `createSettingsService`. */
export interface SettingsServiceOptions {
  /** Maps a model name to its storage key, so every spelling of one model shares its options. */
  modelKey: (model: string) => string
  /** Where a setting that is dropped (a legacy host that is not an address) is reported. */
  log: Logger
}

const PATCH_KEYS: ReadonlySet<string> = new Set([
  'ollamaHost', 'theme', 'defaultModel', 'lastConversationId', 'activeHostId', 'tempModelLimit', 'notifyTempModelCreated',
  'systemPromptPresets', 'replyIdleMinutes',
])

const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0
const isWholeIn = (value: unknown, range: { min: number; max: number }): value is number =>
  Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max
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

/** Checks a patch and returns it normalized, as the values to store (`ollamaHost` as a checked address). */
function normalizePatch(patch: SettingsPatch, hosts: readonly HostEntry[]): Partial<Settings> {
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
  if ('activeHostId' in patch) {
    const id = patch.activeHostId ?? null
    if (id !== null && (typeof id !== 'string' || !hosts.some((host) => host.id === id))) throw invalid('That host is no longer in the list.')
    result.activeHostId = id
  }
  if ('tempModelLimit' in patch) {
    const limit = patch.tempModelLimit
    const { min, max } = TEMP_MODEL_LIMIT_RANGE
    if (!Number.isInteger(limit) || (limit as number) < min || (limit as number) > max) {
      throw invalid(`The limit of temporary models must be a whole number from ${min} to ${max}.`)
    }
    result.tempModelLimit = limit as number
  }
  if ('replyIdleMinutes' in patch) {
    const minutes = patch.replyIdleMinutes
    if (!isWholeIn(minutes, REPLY_IDLE_MINUTES_RANGE)) {
      throw invalid(`The time to wait for Ollama must be a whole number of minutes from ${REPLY_IDLE_MINUTES_RANGE.min} to ${REPLY_IDLE_MINUTES_RANGE.max}.`)
    }
    result.replyIdleMinutes = minutes
  }
  if ('notifyTempModelCreated' in patch) {
    if (typeof patch.notifyTempModelCreated !== 'boolean') throw invalid('notifyTempModelCreated must be true or false.')
    result.notifyTempModelCreated = patch.notifyTempModelCreated
  }
  if ('systemPromptPresets' in patch) {
    const presets: unknown = patch.systemPromptPresets
    if (!Array.isArray(presets)) throw invalid('The presets must be a list.')
    const problem = checkPresetList(presets as SystemPromptPreset[])
    if (problem !== null) throw invalid(problem)
    // Checked whole above, so reading keeps every preset (names trimmed).
    result.systemPromptPresets = readPresetList(presets)
  }
  return result
}

/** Options keyed by host address, then by model key; read entry by entry (a damaged entry reads as absent). */
function readHostOptions(value: unknown): Record<string, Record<string, ModelOptions>> {
  if (!isRecord(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([host, options]) => [host, readModelOptions(options)]))
}

const readLimit = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= TEMP_MODEL_LIMIT_RANGE.min && (value as number) <= TEMP_MODEL_LIMIT_RANGE.max
    ? (value as number)
    : DEFAULT_SETTINGS.tempModelLimit

/** Builds the settings service; every read goes to the store, so a second service over it stays in step. */
export function createSettingsService(store: KeyValueStore, options: SettingsServiceOptions): SettingsService {
  const optionsOf = (host: string) => readHostOptions(store.get('hostModelOptions'))[host] ?? {}
  const replyIdleMinutes = (): number => {
    const idleMinutes = store.get('replyIdleMinutes')
    return isWholeIn(idleMinutes, REPLY_IDLE_MINUTES_RANGE) ? idleMinutes : DEFAULT_SETTINGS.replyIdleMinutes
  }
  const get = (host: string): Settings => {
    const theme = store.get('theme')
    const active = readActiveHost(store)
    const notify = store.get('notifyTempModelCreated')
    return {
      ollamaHost: active?.url ?? null,
      theme: isTheme(theme) ? theme : DEFAULT_SETTINGS.theme,
      defaultModel: stringOrNull(store.get('defaultModel')),
      lastConversationId: stringOrNull(store.get('lastConversationId')),
      modelOptions: optionsOf(host),
      hosts: readHosts(store),
      activeHostId: active?.id ?? null,
      tempModelLimit: readLimit(store.get('tempModelLimit')),
      notifyTempModelCreated: typeof notify === 'boolean' ? notify : DEFAULT_SETTINGS.notifyTempModelCreated,
      systemPromptPresets: readPresetList(store.get('systemPromptPresets')),
      replyIdleMinutes: replyIdleMinutes(),
    }
  }
  const numCtxLookup = (host: string) => {
    const all = optionsOf(host)
    return (model: string) => all[options.modelKey(model)]?.numCtx ?? null
  }
  /** Makes the host at `url` the active one, adding it to the list when it is new. */
  const activate = (url: string | null) => {
    if (url === null) return store.set('activeHostId', null)
    const known = readHosts(store).find((host) => host.url === url)
    store.set('activeHostId', (known ?? saveHost(store, { url })).id)
  }

  return {
    get,
    update(patch, host) {
      const changes = normalizePatch(patch, readHosts(store))
      const { ollamaHost, ...rest } = changes
      const current = get(host)
      for (const [key, value] of Object.entries(rest)) {
        if (current[key as keyof Settings] !== value) store.set(key, value)
      }
      if ('ollamaHost' in changes && ollamaHost !== current.ollamaHost) activate(ollamaHost ?? null)
      return get(host)
    },
    getNumCtx: (host, model) => numCtxLookup(host)(model),
    replyIdleMinutes,
    numCtxLookup,
    setNumCtx(host, model, numCtx) {
      if (model.trim() === '') throw invalid('A model name is required.')
      if (numCtx !== null && !isPositiveInteger(numCtx)) {
        throw new AppFailure('INVALID_NUM_CTX', 'The context length must be a positive whole number of tokens.')
      }
      const key = options.modelKey(model)
      const stored = store.get('hostModelOptions')
      const byHost = isRecord(stored) ? stored : {}
      const all = isRecord(byHost[host]) ? byHost[host] : {}
      const entry = isRecord(all[key]) ? all[key] : {}
      if ((entry.numCtx ?? null) === numCtx) return
      // Other (newer) per-model options in the entry are kept; an entry left empty is removed.
      const { numCtx: _previous, ...others } = entry
      const next = numCtx === null ? others : { ...others, numCtx }
      const models = Object.entries(all).filter(([candidate]) => candidate !== key)
      store.set('hostModelOptions', { ...byHost, [host]: Object.fromEntries(Object.keys(next).length === 0 ? models : [...models, [key, next]]) })
    },
    activeHost: () => readActiveHost(store),
    hosts: () => readHosts(store),
    saveHost: (input) => saveHost(store, input),
    removeHost: (id) => removeHost(store, id),
    migrateLegacy(currentHost, importTempModels) {
      const legacyHost = store.get('ollamaHost')
      if (typeof legacyHost === 'string' && legacyHost.trim() !== '' && readHosts(store).length === 0) {
        const checked = checkHostSetting(legacyHost)
        // Said rather than dropped silently: the person may wonder why another host answers. The reason quotes the
        // value except when it held a password.
        if (checked.ok) activate(checked.value)
        else options.log.warn('the Ollama host set by an older version is not a valid address and was dropped; OLLAMA_HOST or the default is used', { reason: checked.message })
      }
      store.delete('ollamaHost')
      const flat = readModelOptions(store.get('modelOptions'))
      if (Object.keys(flat).length > 0) {
        const host = currentHost(readActiveHost(store)?.url ?? null)
        const byHost = readHostOptions(store.get('hostModelOptions'))
        store.set('hostModelOptions', { ...byHost, [host]: { ...flat, ...(byHost[host] ?? {}) } })
      }
      store.delete('modelOptions')
      const records = readLegacyTempModels(store)
      if (records.length > 0) importTempModels(records)
      store.delete('tempModels')
    },
  }
}
