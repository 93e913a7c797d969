import type { NumCtx } from '../../../src-shared/num-ctx'
import { readPresetList } from '../../../src-shared/prompt-presets'
import { DEFAULT_SETTINGS, type HostEntry, type Settings, type SettingsPatch } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import { describeIssues } from '../ipc/input-schemas'
import type { Logger } from '../log'
import type { TempModelRecord } from '../models/temp-model-registry'
import { readActiveHost, readHosts, removeHost, saveHost } from './host-list'
import { migrateLegacySettings } from './legacy-settings-migration'
import { settingsPatchSchema } from './settings-patch'
import { readHostModelNumCtx, readHostOptions, readStored } from './stored-reads'
import { storedSettingsSchema } from './stored-shapes'

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
  getNumCtx(host: string, model: string): NumCtx | null
  /** `get(host).replyIdleMinutes` alone: read at every reply start, which needs none of the other settings. */
  replyIdleMinutes(): number
  /**
   * The `num_ctx` of every model of `host` as stored right now, read once: for a listing, which asks about every
   * model (any spelling of a name finds its option, as with `getNumCtx`).
   */
  numCtxLookup(host: string): (model: string) => NumCtx | null
  /**
   * `null` removes the option ("reset to default"). The value was judged where it entered (`parseNumCtx`, with the
   * model's bounds, in the `models:setNumCtx` handler), so it is stored as it is.
   */
  setNumCtx(host: string, model: string, numCtx: NumCtx | null): void
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
  migrateLegacy(
    currentHost: (hostSetting: string | null) => string,
    importTempModels: (records: TempModelRecord[]) => void,
  ): void
}

/** Inputs of `createSettingsService`. */
export interface SettingsServiceOptions {
  /** Maps a model name to its storage key, so every spelling of one model shares its options. */
  modelKey: (model: string) => string
  /** Where a setting that is dropped (a legacy host that is not an address) is reported. */
  log: Logger
}

const invalid = (message: string) => new AppFailure('INVALID_INPUT', message)

/**
 * The store as it is now, for a reader of several keys: one read of the whole store where it offers one (the file
 * store then checks its file once, not once per key; `get(host)` runs for every model listing), else key by key.
 */
function readOnce(store: KeyValueStore): Pick<KeyValueStore, 'get'> {
  const values = store.read?.()
  if (values === undefined) return store
  return { get: (key) => (Object.hasOwn(values, key) ? values[key] : undefined) }
}

const optionsOf = (view: Pick<KeyValueStore, 'get'>, host: string) =>
  readHostOptions(view.get('hostModelOptions'))[host] ?? {}

/** Builds the settings service; every read goes to the store, so a second service over it stays in step. */
export function createSettingsService(store: KeyValueStore, options: SettingsServiceOptions): SettingsService {
  const stored = storedSettingsSchema.shape
  const replyIdleMinutes = (view: Pick<KeyValueStore, 'get'> = store): number =>
    readStored(stored.replyIdleMinutes.unwrap(), view.get('replyIdleMinutes'), DEFAULT_SETTINGS.replyIdleMinutes)
  const get = (host: string): Settings => {
    const view = readOnce(store)
    const active = readActiveHost(view)
    return {
      ollamaHost: active?.url ?? null,
      theme: readStored(stored.theme, view.get('theme'), DEFAULT_SETTINGS.theme),
      defaultModel: readStored(stored.defaultModel, view.get('defaultModel'), null),
      lastConversationId: readStored(stored.lastConversationId, view.get('lastConversationId'), null),
      modelOptions: optionsOf(view, host),
      hosts: readHosts(view),
      activeHostId: active?.id ?? null,
      tempModelLimit: readStored(stored.tempModelLimit, view.get('tempModelLimit'), DEFAULT_SETTINGS.tempModelLimit),
      notifyTempModelCreated: readStored(
        stored.notifyTempModelCreated,
        view.get('notifyTempModelCreated'),
        DEFAULT_SETTINGS.notifyTempModelCreated,
      ),
      // Kept preset by preset (a damaged one is dropped, the others stay), by the rule the window saves them with.
      systemPromptPresets: readPresetList(view.get('systemPromptPresets')),
      replyIdleMinutes: replyIdleMinutes(view),
    }
  }
  const numCtxLookup = (host: string) => {
    const all = optionsOf(store, host)
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
      const parsed = settingsPatchSchema.safeParse(patch)
      if (!parsed.success) throw invalid(`${describeIssues(parsed.error)}.`)
      const changes = parsed.data
      const hostId = changes.activeHostId
      if (hostId !== undefined && hostId !== null && !readHosts(store).some((entry) => entry.id === hostId)) {
        throw invalid('That host is no longer in the list.')
      }
      const { ollamaHost, ...rest } = changes
      const current = get(host)
      for (const [key, value] of Object.entries(rest)) {
        if (current[key as keyof Settings] !== value) store.set(key, value)
      }
      if ('ollamaHost' in changes && ollamaHost !== current.ollamaHost) activate(ollamaHost ?? null)
      return get(host)
    },
    getNumCtx: (host, model) => readHostModelNumCtx(store.get('hostModelOptions'), host, options.modelKey(model)),
    replyIdleMinutes: () => replyIdleMinutes(),
    numCtxLookup,
    setNumCtx(host, model, numCtx) {
      if (model.trim() === '') throw invalid('A model name is required.')
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
      store.set('hostModelOptions', {
        ...byHost,
        [host]: Object.fromEntries(Object.keys(next).length === 0 ? models : [...models, [key, next]]),
      })
    },
    activeHost: () => readActiveHost(readOnce(store)),
    hosts: () => readHosts(store),
    saveHost: (input) => saveHost(store, input),
    removeHost: (id) => removeHost(store, id),
    migrateLegacy(currentHost, importTempModels) {
      migrateLegacySettings(store, { activate, log: options.log, currentHost, importTempModels })
    },
  }
}
