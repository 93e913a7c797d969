import { existsSync, renameSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../guards'
import type { Logger } from '../log'
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
  /** Why copying the readable rows failed, when it did: the new history then starts empty (the error is in the log). */
  salvageFailed?: string
}

/** What opening a checked history needs besides the file; `rename` and `salvage` are seams for tests. */
export interface CheckedOpenOptions {
  now: () => Date
  onDamaged: (damaged: DamagedHistoryFile) => void
  /** Where a failed move or salvage is reported. */
  log: Logger
  /** `fs.renameSync` unless a test injects a failing one. */
  rename?: (from: string, to: string) => void
  /** `salvageInto` unless a test injects one that fails midway. */
  salvage?: (source: HistoryDatabase, target: HistoryDatabase) => SalvagedRows
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

/** The backup's name: `history.damaged-<time>.sqlite`, numbered when a backup of the same second exists. */
function backupName(file: string, now: Date): string {
  const extension = extname(file)
  const stem = join(dirname(file), basename(file, extension))
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let backup = `${stem}.damaged-${stamp}${extension}`
  for (let n = 2; existsSync(backup); n += 1) backup = `${stem}.damaged-${stamp}-${n}${extension}`
  return backup
}

/**
 * Renames `history.sqlite` (with its `-wal` and `-shm`) to `history.damaged-<time>.sqlite`: the WAL keeps the name
 * SQLite looks for beside its database, so the backup still opens with its last commits in any SQLite tool.
 *
 * All or nothing: when a rename fails (Windows refuses one while another program holds the file: a second ollmchat,
 * an antivirus or backup tool), the ones done are undone, so the next start does not find the database without its
 * WAL and lose the last commits. The sidecars go first: were the process killed between two renames, a WAL left
 * beside no database would be deleted by SQLite when it creates the new one (`pager.c` `pagerOpenWalIfPresent`
 * deletes the WAL of an empty database), whereas this order leaves every byte on disk.
 */
function moveAside(file: string, backup: string, rename: (from: string, to: string) => void, log: Logger): void {
  const moves = [...['-wal', '-shm'].filter((suffix) => existsSync(file + suffix)), ''].map((suffix) => ({
    from: file + suffix,
    to: backup + suffix,
  }))
  const done: typeof moves = []
  try {
    for (const move of moves) {
      rename(move.from, move.to)
      done.push(move)
    }
  } catch (error) {
    const stranded = undoMoves(done, rename, log)
    const putBack =
      stranded.length === 0
        ? ''
        : ` Some of its files are now named ${stranded.join(', ')}: give them back their old names first.`
    throw new Error(
      `The chat history ${file} is damaged, and ollmchat could not move it aside to start a new one: ${messageOf(error)}. ` +
        `Close any other program using it (another ollmchat, a backup or antivirus tool), then start ollmchat again.${putBack}`,
      { cause: error },
    )
  }
}

/** Renames back what `moveAside` moved, last first; returns the backup names it could not undo. */
function undoMoves(
  done: readonly { from: string; to: string }[],
  rename: (from: string, to: string) => void,
  log: Logger,
): string[] {
  const stranded: string[] = []
  for (const move of [...done].reverse()) {
    try {
      rename(move.to, move.from)
    } catch (error) {
      log.error('a file of the damaged chat history could not be renamed back', {
        from: move.to,
        to: move.from,
        error: messageOf(error),
      })
      stranded.push(move.to)
    }
  }
  return stranded
}

/**
 * Copies what the damaged `backup` still holds into the new `db`. A failure leaves the new history empty (the copy is
 * one transaction, rolled back) and the old file kept; it is logged and told in the notice rather than hidden, since
 * it may be a bug rather than the damage.
 */
function salvage(
  backup: string,
  db: HistoryDatabase,
  options: { nativeBinding: string | undefined; log: Logger; salvage: CheckedOpenOptions['salvage'] },
): Pick<DamagedHistoryFile, 'recovered' | 'salvageFailed'> {
  try {
    return {
      recovered: readUntouched(backup, options.nativeBinding, (source) => (options.salvage ?? salvageInto)(source, db)),
    }
  } catch (error) {
    options.log.warn('nothing could be copied from the damaged chat history into the new one', {
      backup,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
    return { recovered: { conversations: 0, messages: 0 }, salvageFailed: messageOf(error) }
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
export function openCheckedDatabase(options: OpenDatabaseOptions, checked: CheckedOpenOptions): HistoryDatabase {
  // Nothing to check in a new history; a folder in its place gets openDatabase's error naming it.
  if (options.file === ':memory:' || statSync(options.file, { throwIfNoEntry: false })?.isFile() !== true)
    return openDatabase(options)
  const problem = findDamage(options.file, options.nativeBinding)
  if (problem === null) return openDatabase(options)
  const backup = backupName(options.file, checked.now())
  moveAside(options.file, backup, checked.rename ?? renameSync, checked.log)
  const db = openDatabase(options)
  try {
    migrate(db)
    const salvaged = salvage(backup, db, {
      nativeBinding: options.nativeBinding,
      log: checked.log,
      salvage: checked.salvage,
    })
    checked.onDamaged({ file: options.file, backup, problem, ...salvaged })
  } catch (error) {
    db.close()
    throw error
  }
  return db
}
