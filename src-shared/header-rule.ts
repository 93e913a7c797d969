/**
 * The one rule for a host's extra headers, shared so the host form refuses exactly what main refuses (main checks
 * again: the window is not trusted). Names and values are taken trimmed, as a person types them.
 */

export const MAX_HEADERS = 20
export const MAX_HEADER_NAME_LENGTH = 100
export const MAX_HEADER_VALUE_LENGTH = 8_000

/** RFC 9110 §5.6.2 token: what a header name may contain. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * RFC 9110 §5.5 field-value once trimmed: visible ASCII and obs-text (0x80–0xFF, what fetch can send as bytes), with
 * spaces and tabs only inside. A CR or LF would split the request; NUL and other control characters are refused.
 */
const FIELD_VALUE = /^[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/

/**
 * Lower-case names a host's list may not set: the ones ollmchat itself sends (content-type, content-length, host,
 * accept, user-agent), and the connection-level ones fetch manages or refuses, which would break how the request is
 * framed or kept alive.
 */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'host',
  'accept',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
])

export type HeadersCheck = { ok: true; headers: Record<string, string> } | { ok: false; message: string }

/** What is wrong with one header (name and value trimmed), as a sentence; `null` when it may be sent. */
export function headerProblem(name: string, value: string): string | null {
  if (!TOKEN.test(name) || name.length > MAX_HEADER_NAME_LENGTH) {
    return `“${name}” is not a header name: at most ${MAX_HEADER_NAME_LENGTH} letters, digits or marks such as - and _, without spaces or colons.`
  }
  if (RESERVED_HEADER_NAMES.has(name.toLowerCase()))
    return `The ${name} header is set by ollmchat or the connection itself.`
  if (value === '') return `The ${name} header has no value.`
  if (value.length > MAX_HEADER_VALUE_LENGTH) {
    return `The value of the ${name} header is longer than ${MAX_HEADER_VALUE_LENGTH.toLocaleString('en-US')} characters.`
  }
  if (!FIELD_VALUE.test(value)) {
    return `The value of the ${name} header holds a character a header cannot carry (a line break or another control character, or one beyond Latin-1).`
  }
  return null
}

/**
 * Checks a host's headers as a whole: each one by `headerProblem`, no name twice (names are case-insensitive), at
 * most `MAX_HEADERS`. Returns them trimmed, in their order.
 */
export function checkHeaderList(entries: Iterable<readonly [string, string]>): HeadersCheck {
  const headers: Record<string, string> = {}
  const seen = new Set<string>()
  for (const [rawName, rawValue] of entries) {
    const name = rawName.trim()
    const value = rawValue.trim()
    const problem = headerProblem(name, value)
    if (problem !== null) return { ok: false, message: problem }
    if (seen.has(name.toLowerCase())) return { ok: false, message: `The header “${name}” is there twice.` }
    seen.add(name.toLowerCase())
    headers[name] = value
  }
  if (seen.size > MAX_HEADERS) return { ok: false, message: `A host can have at most ${MAX_HEADERS} extra headers.` }
  return { ok: true, headers }
}
