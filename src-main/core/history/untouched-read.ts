import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { HistoryDatabase } from './database'
import { isHeldByAnotherConnection } from './sqlite-damage'

/** What SQLite keeps beside a WAL database: the log itself and its shared-memory index. */
const WAL = '-wal'
const SHM = '-shm'

/**
 * Runs `read` on a read-only connection to `file` and leaves the file and its `-wal` and `-shm` as they were found,
 * byte for byte. A read-write connection would checkpoint the WAL into the file when it closes (and delete the WAL),
 * changing the very file that is about to be kept for a recovery tool. A read-only one never writes the file or the
 * WAL, but it does rewrite the `-shm` (it rebuilds the index when it is the only connection) and may create a `-wal`
 * or `-shm` that was not there: the `-shm` is put back as found (when it changed) and anything that appeared is removed,
 * when `read` throws (the damage, or a bug or a full disk while salvaging: the backup is promised byte for byte) or
 * `keepAsFound` says so for its result. Only a locked file (SQLITE_BUSY, SQLITE_LOCKED) and a file found sound are
 * left to SQLite: another ollmchat may have it open (browser mode has no instance lock), and rewriting a `-shm` under a
 * live connection would mislead it.
 */
export function readUntouched<T>(
  file: string,
  nativeBinding: string | undefined,
  read: (db: HistoryDatabase) => T,
  keepAsFound: (result: T) => boolean = () => true,
): T {
  const walExisted = existsSync(file + WAL)
  const shmBytes = existsSync(file + SHM) ? readFileSync(file + SHM) : null
  const restore = () => {
    if (!walExisted) rmSync(file + WAL, { force: true })
    if (shmBytes === null) rmSync(file + SHM, { force: true })
    else if (!existsSync(file + SHM) || !readFileSync(file + SHM).equals(shmBytes)) writeFileSync(file + SHM, shmBytes)
  }
  let result: T
  try {
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    })
    try {
      result = read(db)
    } finally {
      db.close()
    }
  } catch (error) {
    if (!isHeldByAnotherConnection(error)) restore()
    throw error
  }
  if (keepAsFound(result)) restore()
  return result
}
