const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date; "unknown" for no time. */
export function relativeTime(iso: string | null, now: number = Date.now()): string {
  if (iso === null) return 'unknown'
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return 'unknown'
  const ago = Math.max(0, now - time)
  if (ago < MINUTE) return 'just now'
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`
  if (ago < 2 * DAY) return 'yesterday'
  if (ago < 30 * DAY) return `${Math.floor(ago / DAY)} days ago`
  return new Date(time).toLocaleDateString()
}

/** A time span for "… left": "40 s", "3 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds)
  if (whole < 60) return `${whole} s`
  const minutes = Math.round(whole / 60)
  if (minutes < 60) return `${minutes} min`
  const rest = minutes % 60
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`
}

/**
 * A span still to come, in its largest whole unit: "in less than a minute", "in 4 min", "in 2 h", "in 3 days".
 * Rounded rather than cut down, so a model kept loaded for 5 minutes says "in 5 min" just after its reply.
 */
export function timeAheadText(ms: number): string {
  if (ms < MINUTE) return 'in less than a minute'
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 60) return `in ${minutes} min`
  const hours = Math.round(ms / HOUR)
  if (hours < 48) return `in ${hours} h`
  return `in ${Math.round(ms / DAY)} days`
}
