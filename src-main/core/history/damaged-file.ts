import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../guards'
import { openDatabase, type HistoryDatabase, type OpenDatabaseOptions } from './database'

/** A history file found damaged at start and moved aside; the app goes on with a new, empty one. */
export interface DamagedHistoryFile {
  /** Where the history lives (a new, empty file is there now). */
  file: string
  /** The damaged file, moved aside untouched; its `-wal` and `-shm` (when there were any) sit beside it. */
  backup: string
  /** What SQLite said about it. */
  problem: string
}

/** The SQLite result codes that say the file itself is broken, as opposed to locked, unreadable or missing. */
const isDamage = (error: unknown): boolean => {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return true
  }
  return false
}

/** `null` when `PRAGMA quick_check` finds the file sound, else its first findings. */
function quickCheck(db: HistoryDatabase): string | null {
  const rows = db.pragma('quick_check(3)') as { quick_check: string }[]
  const findings = rows.map((row) => row.quick_check)
  return findings.length === 1 && findings[0] === 'ok' ? null : findings.join('; ')
}

/**
 * Renames `history.sqlite` (with its `-wal` and `-shm`) to `history.damaged-<time>.sqlite`: the WAL keeps the name
 * SQLite looks for beside its database, so the backup still opens with its last commits in any SQLite tool.
 */
function moveAside(file: string, now: Date): string {
  const extension = extname(file)
  const stem = join(dirname(file), basename(file, extension))
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let backup = `${stem}.damaged-${stamp}${extension}`
  for (let n = 2; existsSync(backup); n += 1) backup = `${stem}.damaged-${stamp}-${n}${extension}`
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, backup + suffix)
  }
  renameSync(file, backup)
  return backup
}

/**
 * Opens the history file after checking it with `PRAGMA quick_check`. A damaged file (the check finds problems, or
 * SQLite calls it corrupt or not a database) is moved aside and a new, empty history is opened in its place, so the
 * app starts and never writes into a broken file; `onDamaged` is told where the old one went. Rows are not salvaged
 * here: a half-read copy could look complete when it is not, so the untouched file is kept for a recovery tool.
 * Anything else (a locked or unreadable file, a folder) is thrown as `openDatabase` throws it.
 */
export function openCheckedDatabase(options: OpenDatabaseOptions, now: () => Date, onDamaged: (damaged: DamagedHistoryFile) => void): HistoryDatabase {
  if (options.file === ':memory:') return openDatabase(options)
  let problem: string | null
  try {
    const db = openDatabase(options)
    try {
      problem = quickCheck(db)
    } catch (error) {
      if (!isDamage(error)) {
        db.close()
        throw error
      }
      problem = messageOf(error)
    }
    if (problem === null) return db
    try {
      db.close()
    } catch {
      // Closing checkpoints the WAL, which may fail on a broken file; the file is moved aside either way.
    }
  } catch (error) {
    if (!isDamage(error)) throw error
    problem = messageOf(error)
  }
  const backup = moveAside(options.file, now())
  onDamaged({ file: options.file, backup, problem })
  return openDatabase(options)
}
