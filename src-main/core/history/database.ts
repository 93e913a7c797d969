import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { messageOf } from '../guards'

/** The connection type the history modules share. */
export type HistoryDatabase = Database.Database

/** What every repository of the history store needs besides the connection: time and ids are injectable. */
export interface HistoryContext {
  db: HistoryDatabase
  /** The current time as an ISO 8601 string. */
  now(): string
  newId(): string
}

/** Where the database lives and which native binary opens it. */
export interface OpenDatabaseOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  file: string
  /** A better-sqlite3 binary built for another ABI (the Electron shell passes one); default: node_modules'. */
  nativeBinding?: string
}

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000

/**
 * Opens (creating if needed) a SQLite database set up for a desktop app that may be killed at any moment:
 * WAL journaling (a crash loses at most the transaction in flight, never the file), `synchronous=NORMAL`
 * (safe against process crashes in WAL mode; only an OS crash or power loss can drop the last commits),
 * foreign keys enforced, and a busy timeout so a second process waits instead of failing at once.
 * Throws an error naming the file (and what to do) when it is a folder or not a usable SQLite database.
 */
export function openDatabase(options: OpenDatabaseOptions): HistoryDatabase {
  const inMemory = options.file === ':memory:'
  if (!inMemory) {
    mkdirSync(dirname(options.file), { recursive: true })
    // SQLite's own answer for a folder is "unable to open database file", which names neither the file nor a way out.
    if (statSync(options.file, { throwIfNoEntry: false })?.isFile() === false) {
      throw new Error(
        `The chat history ${options.file} is a folder, not a file. Move or rename that folder, then start ollmchat again.`,
      )
    }
  }
  let db: HistoryDatabase
  try {
    db = new Database(options.file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding })
  } catch (error) {
    throw new Error(
      `Cannot open the chat history at ${options.file}: ${messageOf(error)}. Check that you may read and write that file and its folder, then start ollmchat again.`,
      { cause: error },
    )
  }
  try {
    // A file that is not SQLite only fails at its first read, which is this pragma.
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.pragma('synchronous = NORMAL')
  } catch (error) {
    db.close()
    const reason = messageOf(error)
    throw new Error(`Cannot open the chat history at ${options.file}: ${reason}`, { cause: error })
  }
  return db
}
