const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
}

/** A duration Go's `time.Duration` cannot exceed (about 292 years); Ollama uses it for "keep forever". */
export const FOREVER_MS = 9_223_372_036_854

/**
 * Go's `time.ParseDuration`, returning milliseconds or Go's exact error text
 * (`time: missing unit in duration "-1"`, `time: invalid duration "x"`, `time: unknown unit "d" in duration "1d"`).
 */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const quoted = `"${text}"`
  let s = text
  let negative = false
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-')
    s = s.slice(1)
  }
  if (s === '0') return { ms: 0 }
  if (s === '') return { error: `time: invalid duration ${quoted}` }
  let totalNs = 0
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)
    const whole = number?.[1] ?? ''
    const frac = number?.[2]
    if (whole === '' && (frac === undefined || frac === '')) return { error: `time: invalid duration ${quoted}` }
    s = s.slice(number?.[0].length ?? 0)
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? ''
    if (unit === '') return { error: `time: missing unit in duration ${quoted}` }
    const scale = UNIT_NS[unit]
    if (scale === undefined) return { error: `time: unknown unit "${unit}" in duration ${quoted}` }
    s = s.slice(unit.length)
    totalNs += Number(`${whole || '0'}.${frac ?? '0'}`) * scale
  }
  const ms = totalNs / 1e6
  return { ms: negative ? -ms : ms }
}

/**
 * Ollama's `api.Duration` JSON decoding of `keep_alive`: a number is seconds, a string is a Go duration, any
 * negative value means forever. Returns Go's error text for anything else.
 */
export function decodeKeepAlive(value: unknown): { ms: number } | { error: string } {
  if (typeof value === 'number') return { ms: value < 0 ? FOREVER_MS : value * 1000 }
  if (typeof value === 'string') {
    const parsed = parseGoDuration(value)
    if ('error' in parsed) return parsed
    return { ms: parsed.ms < 0 ? FOREVER_MS : parsed.ms }
  }
  const goType =
    typeof value === 'boolean' ? 'bool' : Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}'
  return { error: `Unsupported type: '${goType}'` }
}
