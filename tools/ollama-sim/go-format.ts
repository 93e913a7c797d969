/** Go's `strconv.Quote`: double quotes, Go escapes, printable Unicode kept as is. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (c === 7) out += '\\a'
    else if (c === 8) out += '\\b'
    else if (c === 12) out += '\\f'
    else if (c === 10) out += '\\n'
    else if (c === 13) out += '\\r'
    else if (c === 9) out += '\\t'
    else if (c === 11) out += '\\v'
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return `${out}"`
}

/**
 * Go's `%v` of a float64 (what every JSON number becomes in a `map[string]any`): shortest round-trip digits;
 * `%g` with shortest precision uses exponent form when the decimal exponent is below -4 or at least 6, so
 * 1048576 prints as `1.048576e+06` and 4096 as `4096`.
 */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf'
  if (n === 0) return Object.is(n, -0) ? '-0' : '0'
  const [mantissa = '0', e = '0'] = n.toExponential().split('e')
  const exp = Number(e)
  // Inside Go's plain range JS never switches to exponent form, so String() matches Go's %f digits.
  if (exp >= -4 && exp < 6) return String(n)
  const digits = String(Math.abs(exp)).padStart(2, '0')
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`
}

/** Go's `%#v` of a value decoded from JSON into `any`, as `ollama show` prints each parameter. */
export function goSharpV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'
  if (typeof value === 'string') return goQuote(value)
  if (typeof value === 'number') return goFloat(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`
  const entries = Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${goQuote(k)}:${goSharpV(v)}`)
  return `map[string]interface {}{${entries.join(', ')}}`
}

/** Go's `%v` of a JSON-decoded value, as the generated Modelfile's `PARAMETER` lines print it. */
export function goV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return goFloat(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(goV).join(' ')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${goV(v)}`)
  return `map[${entries.join(' ')}]`
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function fraction(nanos: number): string {
  if (nanos === 0) return ''
  return `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`
}

/**
 * A Go `time.Time` marshalled to JSON in server-local time (RFC 3339 with up to 9 fraction digits, trailing
 * zeros trimmed). Go writes `Z` when the local offset is zero, so a UTC machine gets `Z` too.
 * @param ms - milliseconds since the epoch
 * @param subMsNanos - extra nanoseconds (0..999999) for realistic, strictly ordered stamps
 */
export function goLocalTime(ms: number, subMsNanos = 0): string {
  const d = new Date(ms)
  const offsetMin = -d.getTimezoneOffset()
  const nanos = (((ms % 1000) + 1000) % 1000) * 1_000_000 + subMsNanos
  const base =
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (offsetMin === 0) return `${base}${fraction(nanos)}Z`
  const sign = offsetMin < 0 ? '-' : '+'
  const abs = Math.abs(offsetMin)
  return `${base}${fraction(nanos)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** A Go `time.Time` in UTC marshalled to JSON (`...Z`), as chat's `created_at`. */
export function goUtcTime(ms: number, subMsNanos = 0): string {
  const d = new Date(ms)
  const nanos = (((ms % 1000) + 1000) % 1000) * 1_000_000 + subMsNanos
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return `${base}${fraction(nanos)}Z`
}
