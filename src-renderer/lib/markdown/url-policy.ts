const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])

/**
 * The URL policy for model output: only absolute `http:`, `https:` and `mailto:` URLs survive (normalised);
 * everything else (`javascript:`, `data:`, `file:`, relative paths that would resolve against the app's own
 * origin) becomes `''`, which the link and image components render as plain text.
 */
export function safeUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return ''
  }
  return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : ''
}
