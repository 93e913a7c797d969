/**
 * Shared so main (the context it plans with) and the window (the model's own option values) read it alike.
 * Reads the `parameters` text of `/api/show`: one `key value` line per stored parameter, the key padded with
 * spaces, the value in Go's `%#v` form (strings quoted, numbers ≥ 1e6 in exponent form such as `1.048576e+06`),
 * one line per element for arrays such as `stop`, in no fixed order.
 */

/** Parameters Ollama stores as arrays even when they have a single element. */
const ARRAY_KEYS = new Set(['stop'])

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

function parseValue(text: string): unknown {
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // Go escapes such as \x00 are not JSON; the text between the quotes is close enough.
      return text.slice(1, -1)
    }
  }
  if (NUMBER.test(text)) return Number(text)
  if (text === 'true') return true
  if (text === 'false') return false
  return text
}

/**
 * Parses the `parameters` text into an object: numbers as numbers (exponent form too), quoted strings unquoted,
 * `true`/`false` as booleans, anything else as text. A key seen more than once (or `stop`) becomes an array in
 * the order given. Blank and key-only lines are ignored.
 */
export function parseShowParameters(text: string | null | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const rawLine of (text ?? '').split('\n')) {
    const match = /^\s*(\S+)\s+(.*?)\s*$/.exec(rawLine)
    if (!match) continue
    const key = match[1] ?? ''
    const value = parseValue(match[2] ?? '')
    const existing = result[key]
    if (existing === undefined) {
      result[key] = ARRAY_KEYS.has(key) ? [value] : value
    } else if (Array.isArray(existing)) {
      existing.push(value)
    } else {
      result[key] = [existing, value]
    }
  }
  return result
}
