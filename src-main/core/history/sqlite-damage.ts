/** Whether `error`, or an error it was caused by, carries a SQLite code that `matches`. */
function hasSqliteCode(error: unknown, matches: (code: string) => boolean): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && matches(code)) return true
  }
  return false
}

/**
 * True when SQLite says the file itself is broken (a corrupt page, or not a database at all), as opposed to locked,
 * unreadable or missing: only then is a history file moved aside, or a row given up as lost.
 */
export function isDamage(error: unknown): boolean {
  return hasSqliteCode(error, (code) => code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/**
 * True when SQLite says another connection holds the file (SQLITE_BUSY, SQLITE_LOCKED and their extended codes): a
 * live process, whose `-wal` and `-shm` must be left to it.
 */
export function isHeldByAnotherConnection(error: unknown): boolean {
  return hasSqliteCode(error, (code) => code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}
