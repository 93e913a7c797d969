/**
 * URL decisions the shell makes before trusting a frame or handing a link to the OS. Every string is parsed with
 * `URL` first, so prefix tricks (`app://ollmchat.evil/`, `https://app@evil`) cannot pass.
 */

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

function parse(url: string | undefined | null): URL | undefined {
  if (!url) return undefined
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True when `url` is the app's own content: for the `app:` scheme, the same scheme and host (the scheme serves
 * nothing but the app's files); for the electron-vite dev server, the same origin. Anything unparsable, or any
 * other scheme (`file:` included), is not the app.
 */
export function isAppUrl(url: string | undefined | null, appUrl: string): boolean {
  const candidate = parse(url)
  const app = parse(appUrl)
  if (!candidate || !app) return false
  // Node's URL gives no origin for a scheme it does not know, so `app:` compares scheme and host itself.
  if (app.protocol === 'app:') return candidate.protocol === 'app:' && app.host !== '' && candidate.host === app.host
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  return candidate.origin === app.origin
}

/**
 * The normalised form of a link that may be opened in the user's browser or mail program (`http`, `https`,
 * `mailto` only), or `undefined` for anything else (`file:`, `javascript:`, custom schemes, garbage).
 */
export function externalUrl(url: string): string | undefined {
  const parsed = parse(url)
  if (!parsed || !EXTERNAL_PROTOCOLS.has(parsed.protocol)) return undefined
  if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return undefined
  return parsed.href
}
