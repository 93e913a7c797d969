import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import { isTempModelRecord, type TempModelRecord } from '../models/temp-model-registry'

/**
 * Temporary-model records as older versions kept them, in the settings store under `tempModels`. They now live in
 * the history database; the core imports these once (`SettingsService.migrateLegacy`). Entries that are not complete
 * records (including those written before records knew their host) are left out.
 */
export function readLegacyTempModels(store: KeyValueStore): TempModelRecord[] {
  const value = store.get('tempModels')
  return isRecord(value) ? Object.values(value).filter(isTempModelRecord) : []
}
