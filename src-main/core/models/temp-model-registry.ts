import { z } from 'zod'
import { modelKey } from '../ollama/model-name'
import { numCtxSchema } from '../settings/num-ctx-schema'

/**
 * What the app remembers about temporary models it created: enough to reuse one without asking Ollama
 * (a warm chat sends no extra request) and to notice when the base was re-pulled (its digest changed). The one
 * statement of the record's shape: the history table, the settings file of older versions (`legacyTempModelSchema`)
 * and `isTempModelRecord` all use it.
 */
export const tempModelRecordSchema = z.object({
  /**
   * The Ollama the temp model was created on (`OllamaClient.host`). A record speaks for that host only: another
   * Ollama may hold a model of the same name from another base, or none at all.
   */
  host: z.string().min(1),
  /** Full temp model name, e.g. `ollmchat-temp/llama3-oc4096`. */
  path: z.string().min(1),
  /** The base exactly as Ollama lists it (what `from` was set to). */
  baseModel: z.string().min(1),
  /** The base's digest in `/api/tags` when the temp model was created. */
  baseDigest: z.string(),
  numCtx: numCtxSchema,
  /** ISO time of creation. */
  createdAt: z.string(),
  /** ISO time a reply of this app last used it; absent until one did (and in older records). */
  lastUsedAt: z.string().nullable().optional(),
})

/** See `tempModelRecordSchema`. */
export type TempModelRecord = z.output<typeof tempModelRecordSchema>

/**
 * The records by `modelKey`, in the registry's order (one model may have records under two spellings), so finding
 * a model's records costs one parse of its name, not a comparison with every record. `pause` is awaited after each
 * record (`timeSlicer`) by a pass over thousands.
 */
export async function recordsByModel(
  records: readonly TempModelRecord[],
  pause?: () => Promise<void>,
): Promise<Map<string, TempModelRecord[]>> {
  const byKey = new Map<string, TempModelRecord[]>()
  for (const record of records) {
    const key = modelKey(record.path)
    const same = byKey.get(key)
    if (same === undefined) byKey.set(key, [record])
    else same.push(record)
    if (pause !== undefined) await pause()
  }
  return byKey
}

/** One host's records. Paths compare case-insensitively, as Ollama compares model names. */
export interface HostTempModelRegistry {
  readonly host: string
  get(path: string): TempModelRecord | undefined
  /** Stores (or replaces) the record for `path` on this host; throws a `TypeError` for an incomplete record. */
  set(record: Omit<TempModelRecord, 'host'>): void
  delete(path: string): void
  all(): TempModelRecord[]
  /** Records that a reply used `path` at `at` (nothing when there is no record). */
  touch(path: string, at: string): void
}

/** Where the records of every host live: the settings store in the app, memory in tests. */
export interface TempModelRegistry {
  /** The records of `host`; the view never reads, changes or deletes another host's records. */
  forHost(host: string): HostTempModelRegistry
  /** Every host that has records (for the start-up clean-up of each). */
  hosts(): string[]
}

/** The storage under a registry: every record under `tempModelRecordKey(record.host, record.path)`. */
export interface TempModelRecordStorage {
  /** Only complete records (`isTempModelRecord`); anything else is left out. */
  read(): Record<string, TempModelRecord>
  write(records: Record<string, TempModelRecord>): void
}

/** `<host> <path in lower case>`; a model path never contains a space, so two hosts' keys cannot collide. */
export function tempModelRecordKey(host: string, path: string): string {
  return `${host} ${path.toLowerCase()}`
}

/**
 * Whether a stored value is a complete temp-model record. Records written before records knew their host have no
 * `host` and fail this check, so they are ignored (treated as unknown) rather than trusted on whatever host runs now.
 */
export function isTempModelRecord(value: unknown): value is TempModelRecord {
  return tempModelRecordSchema.safeParse(value).success
}

/** A registry over `storage`; every call reads it afresh, so two registries over one storage agree. */
export function createTempModelRegistry(storage: TempModelRecordStorage): TempModelRegistry {
  const copy = (record: TempModelRecord): TempModelRecord => ({ ...record })
  return {
    forHost(host) {
      return {
        host,
        get(path) {
          const record = storage.read()[tempModelRecordKey(host, path)]
          return record !== undefined && record.host === host ? copy(record) : undefined
        },
        set(record) {
          const full = { ...record, host }
          if (!isTempModelRecord(full))
            throw new TypeError(`Not a complete temporary model record: ${JSON.stringify(record)}`)
          storage.write({ ...storage.read(), [tempModelRecordKey(host, full.path)]: copy(full) })
        },
        delete(path) {
          const records = storage.read()
          const key = tempModelRecordKey(host, path)
          if (!Object.hasOwn(records, key)) return
          storage.write(Object.fromEntries(Object.entries(records).filter(([candidate]) => candidate !== key)))
        },
        all: () =>
          Object.values(storage.read())
            .filter((record) => record.host === host)
            .map(copy),
        touch(path, at) {
          const records = storage.read()
          const key = tempModelRecordKey(host, path)
          const record = records[key]
          if (record !== undefined) storage.write({ ...records, [key]: { ...record, lastUsedAt: at } })
        },
      }
    },
    hosts: () => [...new Set(Object.values(storage.read()).map((record) => record.host))],
  }
}

/** A registry kept in memory (tests, and a manager built without one). */
export function createMemoryTempModelRegistry(): TempModelRegistry {
  let records: Record<string, TempModelRecord> = {}
  return createTempModelRegistry({
    read: () => records,
    write: (next) => {
      records = next
    },
  })
}
