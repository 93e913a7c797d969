/** At most `max` entries of a list for a log line, and how many were left out: a log line stays a line. */
export function sampleForLog(items: readonly string[], max = 20): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `… and ${items.length - max} more`]
}
