export type HeaderLinesCheck = { ok: true; headers: Record<string, string> } | { ok: false; message: string }

// RFC 9110's token: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Reads extra headers typed as `Name: value`, one per line; blank lines are skipped. */
export function parseHeaderLines(text: string): HeaderLinesCheck {
  const headers: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    const name = colon === -1 ? '' : line.slice(0, colon).trim()
    const value = colon === -1 ? '' : line.slice(colon + 1).trim()
    if (!HEADER_NAME.test(name) || value === '') {
      return { ok: false, message: `Line ${index + 1} is not a header: write it as “Name: value”, e.g. “Authorization: Bearer …”.` }
    }
    if (Object.keys(headers).some((known) => known.toLowerCase() === name.toLowerCase())) {
      return { ok: false, message: `The header “${name}” is there twice.` }
    }
    headers[name] = value
  }
  return { ok: true, headers }
}
