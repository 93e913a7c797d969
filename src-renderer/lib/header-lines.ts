import { checkHeaderList, type HeadersCheck } from '../../src-shared/header-rule'

/**
 * Reads extra headers typed as `Name: value`, one per line; blank lines are skipped. What a header may be is the
 * shared rule main applies too, so the form refuses exactly what saving would.
 */
export function parseHeaderLines(text: string): HeadersCheck {
  const entries: [string, string][] = []
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    if (colon === -1 || line.slice(0, colon).trim() === '') {
      return {
        ok: false,
        message: `Line ${index + 1} is not a header: write it as “Name: value”, e.g. “Authorization: Bearer …”.`,
      }
    }
    entries.push([line.slice(0, colon), line.slice(colon + 1)])
  }
  return checkHeaderList(entries)
}
