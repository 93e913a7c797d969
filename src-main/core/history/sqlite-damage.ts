/**
 * True when SQLite says the file itself is broken (a corrupt page, or not a database at all), as opposed to locked,
 * unreadable or missing: only then is a history file moved aside, or a row given up as lost.
 */
export function isDamage(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return true
  }
  return false
}
