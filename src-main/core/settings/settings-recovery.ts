import { existsSync, readFileSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { KeyValueStore } from '../core-types'
import { isRecord } from '../guards'
import type { Logger } from '../log'
import { SETTINGS_DEFAULTS, SETTINGS_MAP_KEYS } from './settings-schema'
import { createSettingsSnapshot } from './settings-snapshot'

/** The part of conf (and electron-store, which extends it) the settings store relies on. */
export interface ConfLike {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
  /** Reading parses and validates the whole file; assigning replaces it. */
  store: Record<string, unknown>
}

/** What a repair did, for the log and for a shell that wants to tell the user. */
export interface SettingsRepair {
  file: string
  /** The unreadable or invalid file, moved aside untouched. */
  backup: string
  /** Keys (or `key.entry` for map keys) that could not be carried over; `*` when nothing could be read. */
  dropped: string[]
}

/** A value the settings schema refuses: a bug in the caller, since the settings service validates first. */
export class SettingsWriteError extends Error {
  override readonly name = 'SettingsWriteError'
  constructor(
    readonly key: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message.replace(/^Config schema violation: /, '') : String(cause)
    super(`Setting "${key}" was not saved: ${reason}.`, { cause })
  }
}

/** Inputs of `openRecoveringSettingsStore`. */
export interface RecoveringStoreOptions {
  /** The settings file `open` reads, e.g. `<userData>/settings.json`. */
  file: string
  /** Builds the underlying store; it throws when the file is unreadable or breaks the schema. */
  open: () => ConfLike
  log: Logger
  now?: () => Date
  onRepair?: (repair: SettingsRepair) => void
}

const SCHEMA_VIOLATION = 'Config schema violation:'
const INTERNAL_KEY = '__internal__'

/** The errors conf raises for a file it cannot accept (as opposed to I/O errors, which are rethrown). */
const isFileProblem = (error: unknown) =>
  error instanceof SyntaxError || (error instanceof Error && error.message.startsWith(SCHEMA_VIOLATION))

function trySet(store: ConfLike, key: string, value: unknown): boolean {
  try {
    store.set(key, value)
    return true
  } catch {
    return false
  }
}

/** Carries every valid key (and every valid entry of a map key) of the broken file's text into `store`. */
function salvage(store: ConfLike, text: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return ['*']
  }
  if (!isRecord(parsed)) return ['*']
  const dropped: string[] = []
  for (const [key, value] of Object.entries(parsed)) {
    if (key === INTERNAL_KEY || trySet(store, key, value)) continue
    if (!SETTINGS_MAP_KEYS.has(key) || !isRecord(value)) {
      dropped.push(key)
      continue
    }
    let kept: Record<string, unknown> = {}
    for (const [entryKey, entry] of Object.entries(value)) {
      const next = { ...kept, [entryKey]: entry }
      if (trySet(store, key, next)) kept = next
      else dropped.push(`${key}.${entryKey}`)
    }
  }
  return dropped
}

function moveAside(file: string, now: Date): string {
  const stem = join(dirname(file), basename(file, extname(file)))
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let backup = `${stem}.invalid-${stamp}${extname(file)}`
  for (let n = 2; existsSync(backup); n += 1) backup = `${stem}.invalid-${stamp}-${n}${extname(file)}`
  renameSync(file, backup)
  return backup
}

/**
 * Opens the settings store so that a broken file never stops the app and never silently costs the user
 * their settings. When the file is not JSON or breaks the schema (at start, or because it was edited while
 * the app ran), it is moved aside as `settings.invalid-<time>.json`, a fresh file is written, every key that
 * still validates is carried over (map keys entry by entry), and a warning names the backup and what was
 * dropped. A value refused at `set` throws `SettingsWriteError`; `set(key, undefined)` deletes the key.
 *
 * The Electron shell uses it as `openRecoveringSettingsStore({ file: join(app.getPath('userData'),
 * 'settings.json'), open: () => new ElectronStore(SETTINGS_STORE_OPTIONS) })`.
 */
export function openRecoveringSettingsStore(options: RecoveringStoreOptions): KeyValueStore {
  const { log } = options
  const now = options.now ?? (() => new Date())

  const repairInto = (text: string, backup: string, reopen: () => ConfLike): ConfLike => {
    const store = reopen()
    store.store = { ...SETTINGS_DEFAULTS }
    const dropped = salvage(store, text)
    const repair: SettingsRepair = { file: options.file, backup, dropped }
    log.warn('the settings file was invalid: it was kept as a backup and its valid settings were carried over', {
      ...repair,
    })
    options.onRepair?.(repair)
    return store
  }
  const repairFile = (reopen: () => ConfLike): ConfLike => {
    const text = readFileSync(options.file, 'utf8')
    return repairInto(text, moveAside(options.file, now()), reopen)
  }

  let inner: ConfLike
  try {
    inner = options.open()
  } catch (error) {
    if (!isFileProblem(error) || !existsSync(options.file)) throw error
    inner = repairFile(options.open)
  }

  const isBroken = () => {
    try {
      void inner.store
      return false
    } catch (error) {
      return isFileProblem(error)
    }
  }
  const guarded = <T>(operation: () => T): T => {
    try {
      return operation()
    } catch (error) {
      if (!isFileProblem(error) || !isBroken()) throw error
      const current = inner
      inner = repairFile(() => current)
      return operation()
    }
  }

  // Reads come from one parsed copy of the file while it is unchanged (`settings-snapshot.ts`); writes go to conf.
  const snapshot = createSettingsSnapshot(options.file, () => guarded(() => inner.store))
  const write = (operation: () => void) => {
    try {
      guarded(operation)
    } finally {
      snapshot.forget()
    }
  }
  return {
    get: (key) => snapshot.get(key),
    read: () => snapshot.read(),
    delete: (key) => write(() => inner.delete(key)),
    set(key, value) {
      if (value === undefined) return write(() => inner.delete(key))
      try {
        write(() => inner.set(key, value))
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(SCHEMA_VIOLATION))
          throw new SettingsWriteError(key, error)
        throw error
      }
    },
  }
}
