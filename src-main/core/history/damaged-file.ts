import { existsSync, renameSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../guards'
import { openDatabase, type HistoryDatabase, type OpenDatabaseOptions } from './database'
import { migrate } from './migrations'
import { salvageInto, type SalvagedRows } from './salvage'
import { isDamage } from './sqlite-damage'
import { readUntouched } from './untouched-read'

/** A history file found damaged at start and moved aside; the app goes on with a new one holding what could be read. */
export interface DamagedHistoryFile {
  /** Where the history lives (a new file is there now). */
  file: string
  /** The damaged file, moved aside untouched; its `-wal` and `-shm` (when there were any) sit beside it. */
  backup: string
  /** What SQLite said about it. */
  problem: string
  /** What was copied from the damaged file into the new one (zero of each when nothing could be read). */
  recovered: SalvagedRows
}

/** `null` when `PRAGMA quick_check` finds the file sound, else its first findings. */
function quickCheck(db: HistoryDatabase): string | null {
  const rows = db.pragma('quick_check(3)') as { quick_check: string }[]
  const findings = rows.map((row) => row.quick_check)
  return findings.length === 1 && findings[0] === 'ok' ? null : findings.join('; ')
}

/**
 * What is wrong with the file, or `null` when it is sound or could not be checked for another reason (a locked or
 * unreadable file): opening it as usual then fails with an error that names the file and what to do.
 */
function findDamage(file: string, nativeBinding: string | undefined): string | null {
  try {
    return readUntouched(file, nativeBinding, quickCheck, (problem) => problem !== null)
  } catch (error) {
    return isDamage(error) ? messageOf(error) : null
  }
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

/** Copies what the damaged `backup` still holds into the new `db`; nothing when it cannot even be opened. */
function salvage(backup: string, db: HistoryDatabase, nativeBinding: string | undefined): SalvagedRows {
  try {
    return readUntouched(backup, nativeBinding, (source) => salvageInto(source, db))
  } catch {
    // Nothing readable (not even the schema), or the copy failed and was rolled back: the new history starts empty,
    // as the notice then says; the old file is kept either way.
    return { conversations: 0, messages: 0 }
  }
}

/**
 * Opens the history file after checking it with `PRAGMA quick_check` on a read-only connection, which leaves the file
 * and its `-wal` and `-shm` exactly as found. A damaged file (the check finds problems, or SQLite calls it corrupt or
 * not a database) is moved aside with them, and a new history is opened in its place holding every row SQLite could
 * still read from the old one (`salvage.ts`); `onDamaged` is told where the old file went and what was recovered.
 * The app so starts and never writes into a broken file. Anything else (a locked or unreadable file, a folder) is
 * thrown as `openDatabase` throws it.
 */
export function openCheckedDatabase(options: OpenDatabaseOptions, now: () => Date, onDamaged: (damaged: DamagedHistoryFile) => void): HistoryDatabase {
  // Nothing to check in a new history; a folder in its place gets openDatabase's error naming it.
  if (options.file === ':memory:' || statSync(options.file, { throwIfNoEntry: false })?.isFile() !== true) return openDatabase(options)
  const problem = findDamage(options.file, options.nativeBinding)
  if (problem === null) return openDatabase(options)
  const backup = moveAside(options.file, now())
  const db = openDatabase(options)
  try {
    migrate(db)
    const recovered = salvage(backup, db, options.nativeBinding)
    onDamaged({ file: options.file, backup, problem, recovered })
  } catch (error) {
    db.close()
    throw error
  }
  return db
}
