import type { KeyValueStore } from '../core-types'
import type { TempModelRecord, TempModelRegistry } from '../models/temp-model-registry'

const KEY = 'tempModels'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether a stored value is a complete temp-model record; anything else is ignored rather than trusted. */
export function isTempModelRecord(value: unknown): value is TempModelRecord {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    value.path !== '' &&
    typeof value.baseModel === 'string' &&
    typeof value.baseDigest === 'string' &&
    typeof value.numCtx === 'number' &&
    Number.isInteger(value.numCtx) &&
    value.numCtx > 0 &&
    typeof value.createdAt === 'string'
  )
}

/**
 * The temp-model registry kept in the settings store under `tempModels`, so the app still knows its temporary
 * models after a restart. Keys compare case-insensitively (as Ollama compares model names), like the memory
 * registry; every call reads the store afresh, so two registries over one store agree.
 */
export function createStoredTempModelRegistry(store: KeyValueStore): TempModelRegistry {
  const read = (): Record<string, TempModelRecord> => {
    const value = store.get(KEY)
    if (!isRecord(value)) return {}
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, TempModelRecord] => isTempModelRecord(entry[1])))
  }
  const copy = (record: TempModelRecord): TempModelRecord => ({ ...record })
  return {
    get(path) {
      const record = read()[path.toLowerCase()]
      return record ? copy(record) : undefined
    },
    set(record) {
      if (!isTempModelRecord(record)) throw new TypeError(`Not a complete temporary model record: ${JSON.stringify(record)}`)
      store.set(KEY, { ...read(), [record.path.toLowerCase()]: copy(record) })
    },
    delete(path) {
      const records = read()
      const key = path.toLowerCase()
      if (!Object.hasOwn(records, key)) return
      store.set(KEY, Object.fromEntries(Object.entries(records).filter(([candidate]) => candidate !== key)))
    },
    all: () => Object.values(read()).map(copy),
  }
}
