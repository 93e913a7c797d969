/** Display helpers used by both the renderer and main's notices, so a context reads the same everywhere. */

/** `16384` → `16K`, `131072` → `128K`, `1048576` → `1M`, `5000` → `5,000`. */
export function formatContext(tokens: number): string {
  if (tokens >= 1_048_576 && tokens % 1_048_576 === 0) return `${tokens / 1_048_576}M`
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`
  return tokens.toLocaleString('en-US')
}

/** Bytes for people: `4.7 GB`, `812 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}
