import { statSync } from 'node:fs'

/**
 * Reads of the settings file from one parsed copy. conf reads, parses and validates the whole file at every `get`,
 * and a reply start needs two settings: so the copy is kept, and parsed again only when the file changed (a write
 * through the store calls `forget`; an edit from outside changes what `stat` tells) — a hand edit is still seen (and
 * repaired) at the next read. The copy is frozen: a caller that changed a value it read would change every later read.
 */
export interface SettingsSnapshot {
  get(key: string): unknown
  /**
   * Every value at once, frozen: a reader of several settings (`SettingsService.get`) checks the file once, where a
   * `get` per key would `stat` it per key.
   */
  read(): Readonly<Record<string, unknown>>
  /** The file was written: the next `get` reads it again. */
  forget(): void
}

/**
 * What changes whenever the file does: conf replaces it (a new inode), an editor rewrites it (its size or its change
 * times). `null` when it cannot be told, and then nothing is kept.
 */
function stampOf(file: string): string | null {
  try {
    const stat = statSync(file, { bigint: true })
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : null
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** `readAll`: the whole file as the store reads it (validated, repaired when broken). */
export function createSettingsSnapshot(file: string, readAll: () => Record<string, unknown>): SettingsSnapshot {
  let kept: { stamp: string; values: Readonly<Record<string, unknown>> } | null = null
  const read = () => {
    // Stamped before reading: a change made while it reads shows up as a new stamp at the next read.
    const stamp = stampOf(file)
    const values = kept !== null && kept.stamp === stamp ? kept.values : deepFreeze(readAll())
    kept = stamp === null ? null : { stamp, values }
    return values
  }
  return {
    get(key) {
      const values = read()
      return Object.hasOwn(values, key) ? values[key] : undefined
    },
    read,
    forget() {
      kept = null
    },
  }
}
