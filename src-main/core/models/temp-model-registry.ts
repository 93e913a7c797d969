/**
 * What the app remembers about temporary models it created: enough to reuse one without asking Ollama
 * (a warm chat sends no extra request) and to notice when the base was re-pulled (its digest changed).
 */
export interface TempModelRecord {
  /** Full temp model name, e.g. `ollmchat-temp/llama3-oc4096`. */
  path: string
  /** The base exactly as Ollama lists it (what `from` was set to). */
  baseModel: string
  /** The base's digest in `/api/tags` when the temp model was created. */
  baseDigest: string
  numCtx: number
  /** ISO time of creation. */
  createdAt: string
}

/** Where those records live: the settings store in the app, memory in tests. */
export interface TempModelRegistry {
  get(path: string): TempModelRecord | undefined
  set(record: TempModelRecord): void
  delete(path: string): void
  all(): TempModelRecord[]
}

/** Keys compare case-insensitively, as Ollama compares model names. */
export function createMemoryTempModelRegistry(): TempModelRegistry {
  const records = new Map<string, TempModelRecord>()
  return {
    get: (path) => records.get(path.toLowerCase()),
    set: (record) => void records.set(record.path.toLowerCase(), record),
    delete: (path) => void records.delete(path.toLowerCase()),
    all: () => [...records.values()],
  }
}
