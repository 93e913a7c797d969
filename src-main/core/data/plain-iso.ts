const FIRST_PLAIN_MS = Date.parse('0000-01-01T00:00:00.000Z')
const LAST_PLAIN_MS = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * A time as the history stores it, `Date.toISOString`'s plain form (`2025-03-01T10:00:00.000Z`), or `null` outside the
 * years 0000 to 9999, where that form gains a sign and six digits (`+010000-…`) and no longer sorts as text: the
 * history compares times as text (the list order, the purge of deleted conversations).
 */
export function plainIso(ms: number): string | null {
  return Number.isFinite(ms) && ms >= FIRST_PLAIN_MS && ms <= LAST_PLAIN_MS ? new Date(ms).toISOString() : null
}
