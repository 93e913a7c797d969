import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import { createTempModelRegistry, isTempModelRecord, type TempModelRecord, type TempModelRegistry } from '../models/temp-model-registry'

const KEY = 'tempModels'

/**
 * The temp-model registry kept in the settings store under `tempModels`, so the app still knows its temporary
 * models after a restart. Entries that are not complete records (including those of older versions, which did not
 * record their host) are ignored, and dropped at the next write.
 */
export function createStoredTempModelRegistry(store: KeyValueStore): TempModelRegistry {
  return createTempModelRegistry({
    read() {
      const value = store.get(KEY)
      if (!isRecord(value)) return {}
      return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, TempModelRecord] => isTempModelRecord(entry[1])))
    },
    write: (records) => store.set(KEY, records),
  })
}
