import type { KeyValueStore } from '../core-types'
import type { Logger } from '../log'
import type { TempModelRecord } from '../models/temp-model-registry'
import { checkHostSetting } from '../ollama/host-setting'
import { readActiveHost, readHosts } from './host-list'
import { readHostOptions, readModelOptions } from './stored-reads'
import { readLegacyTempModels } from './stored-temp-models'

/**
 * Moves what older versions kept elsewhere, once (see `SettingsService.migrateLegacy`): a single `ollamaHost`
 * becomes the active host entry (through `activate`), options without a host go to `currentHost`, and
 * temporary-model records are handed to `importTempModels`. Each legacy key is deleted after, so a second run finds
 * nothing to move.
 */
export function migrateLegacySettings(
  store: KeyValueStore,
  deps: {
    activate(url: string): void
    log: Logger
    currentHost(hostSetting: string | null): string
    importTempModels(records: TempModelRecord[]): void
  },
): void {
  const legacyHost = store.get('ollamaHost')
  if (typeof legacyHost === 'string' && legacyHost.trim() !== '' && readHosts(store).length === 0) {
    const checked = checkHostSetting(legacyHost)
    // Said rather than dropped silently: the person may wonder why another host answers. The reason quotes the
    // value except when it held a password.
    if (checked.ok) deps.activate(checked.value)
    else
      deps.log.warn(
        'the Ollama host set by an older version is not a valid address and was dropped; OLLAMA_HOST or the default is used',
        { reason: checked.message },
      )
  }
  store.delete('ollamaHost')
  const flat = readModelOptions(store.get('modelOptions'))
  if (Object.keys(flat).length > 0) {
    const host = deps.currentHost(readActiveHost(store)?.url ?? null)
    const byHost = readHostOptions(store.get('hostModelOptions'))
    store.set('hostModelOptions', { ...byHost, [host]: { ...flat, ...(byHost[host] ?? {}) } })
  }
  store.delete('modelOptions')
  const records = readLegacyTempModels(store)
  if (records.length > 0) deps.importTempModels(records)
  store.delete('tempModels')
}
