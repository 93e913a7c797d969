import { isIP } from 'node:net'

/** Where Ollama listens unless told otherwise. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434'

/** Which setting decided the host. */
export type OllamaHostSource = 'setting' | 'env' | 'default'

/** The host the app talks to, where it came from, and why an earlier candidate was skipped. */
export interface OllamaHostResolution {
  /** Always `scheme://host:port[/path]` with an explicit port. */
  url: string
  source: OllamaHostSource
  /** The text the setting or `OLLAMA_HOST` held, as written; `null` for the default. */
  raw: string | null
  /** A sentence when the setting or `OLLAMA_HOST` was set but unusable (so a later source was used). */
  warning: string | null
}

type SplitHostPort = { host: string; port: string } | null

/** Go's `net.SplitHostPort`: `host:port` or `[v6]:port`; anything else is an error (`null`). */
function splitHostPort(hostport: string): SplitHostPort {
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']')
    if (end < 0 || hostport.charAt(end + 1) !== ':') return null
    const host = hostport.slice(1, end)
    const port = hostport.slice(end + 2)
    return port.includes('[') || port.includes(']') ? null : { host, port }
  }
  const i = hostport.lastIndexOf(':')
  if (i < 0) return null
  const host = hostport.slice(0, i)
  if (host.includes(':') || /[[\]]/.test(hostport)) return null
  return { host, port: hostport.slice(i + 1) }
}

/** Listening on "all interfaces" is a server notion; a client reaches that server on loopback. */
function connectableHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1'
  if (isIP(host) === 6 && /^[0:]+$/.test(host)) return '::1'
  return host
}

/** Why a value is not a host at all. */
export type OllamaHostRefusal = 'empty' | 'scheme' | 'credentials' | 'invalid'

/**
 * A value read with Ollama's rules (see `normalizeOllamaHost`), with the places where those rules quietly
 * substituted something, so a person typing the value can be told instead.
 */
export type OllamaHostReading =
  | {
      ok: true
      /** `scheme://host:port[/path]`, scheme and host in lower case (both are case-insensitive). */
      url: string
      /** The port the URL carries. */
      port: number
      /** A port that was written (maybe empty: `host:`) but is not a number from 0 to 65535; the default replaced it. */
      invalidPort: string | null
      /** Neither a host nor a port was written (`http://`), so loopback with the default port was assumed. */
      hostMissing: boolean
    }
  | { ok: false; refusal: OllamaHostRefusal }

const refused = (refusal: OllamaHostRefusal): OllamaHostReading => ({ ok: false, refusal })

/**
 * Reads a host the way Ollama reads `OLLAMA_HOST` (`envconfig.Host()`) and reports what it substituted; see
 * `normalizeOllamaHost` for the rules.
 */
export function readOllamaHost(value: string): OllamaHostReading {
  const text = value
    .trim()
    .replace(/^["' ]+|["' ]+$/g, '')
    .trim()
  if (text === '') return refused('empty')
  const schemeAt = text.indexOf('://')
  let scheme = 'http'
  let rest = text
  let defaultPort = '11434'
  if (schemeAt >= 0) {
    scheme = text.slice(0, schemeAt).toLowerCase()
    rest = text.slice(schemeAt + 3)
    if (scheme === 'http') defaultPort = '80'
    else if (scheme === 'https') defaultPort = '443'
    else return refused('scheme')
  } else if (text.toLowerCase() === 'ollama.com') {
    return { ok: true, url: 'https://ollama.com:443', port: 443, invalidPort: null, hostMissing: false }
  }
  const slash = rest.indexOf('/')
  const hostport = slash < 0 ? rest : rest.slice(0, slash)
  const path = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '')
  // Credentials in the host are not part of Ollama's rules (they would be read as a port); refuse them.
  if (hostport.includes('@')) return refused('credentials')
  let split = splitHostPort(hostport)
  if (split === null) {
    const bare = hostport.replace(/^\[|\]$/g, '')
    split = { host: isIP(bare) !== 0 ? bare : hostport, port: defaultPort }
  }
  // Go's `strconv.ParseInt` as Ollama uses it: leading zeros and a sign are fine, the range is 0–65535.
  const portOk = /^[+-]?\d+$/.test(split.port) && Number(split.port) >= 0 && Number(split.port) <= 65535
  const port = Number(portOk ? split.port : defaultPort)
  const host = connectableHost(split.host).toLowerCase()
  const hostText = host.includes(':') ? `[${host}]` : host
  const url = `${scheme}://${hostText}:${port}${path === '' ? '' : `/${path}`}`
  if (!URL.canParse(url)) return refused('invalid')
  return { ok: true, url, port, invalidPort: portOk ? null : split.port, hostMissing: hostport === '' }
}

/**
 * Reads a host the way Ollama reads `OLLAMA_HOST` (`envconfig.Host()`): quotes and spaces trimmed; no scheme →
 * `http` with port 11434 (bare `ollama.com` → `https://ollama.com:443`); `http://`/`https://` without a port → 80/443;
 * a bare IP (v4 or v6, brackets optional) or name gets the default port; `:port` alone means 127.0.0.1; an invalid
 * port (Go's `ParseInt` rules: leading zeros and a sign pass, range 0–65535) falls back to the default port; a
 * trailing path is kept (trailing slashes dropped). Scheme and host come out in lower case. Unlike Ollama's server,
 * `0.0.0.0` and `::` become loopback, because a client cannot connect to "all interfaces" everywhere. Returns `null`
 * for an empty value, a scheme other than http(s), credentials in the host, or something that is not a URL.
 */
export function normalizeOllamaHost(value: string): string | null {
  const reading = readOllamaHost(value)
  return reading.ok ? reading.url : null
}

/**
 * Decides the host and says where it came from: the app's setting when set and usable, else `OLLAMA_HOST` (read
 * with Ollama's own rules), else `http://127.0.0.1:11434`. The URL always has an explicit port, because ollama-js
 * turns `http://name` into port 80.
 */
export function describeHostSource(
  setting: string | null | undefined,
  env: Record<string, string | undefined> = process.env,
): OllamaHostResolution {
  const warnings: string[] = []
  if (setting !== null && setting !== undefined && setting.trim() !== '') {
    const url = normalizeOllamaHost(setting)
    if (url !== null) return { url, source: 'setting', raw: setting, warning: null }
    warnings.push(`The Ollama address in the settings ("${setting}") is not usable.`)
  }
  const fromEnv = env['OLLAMA_HOST']
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const url = normalizeOllamaHost(fromEnv)
    if (url !== null) return { url, source: 'env', raw: fromEnv, warning: warnings.join(' ') || null }
    warnings.push(`OLLAMA_HOST ("${fromEnv}") is not a usable address.`)
  }
  return { url: DEFAULT_OLLAMA_HOST, source: 'default', raw: null, warning: warnings.join(' ') || null }
}

/** The host URL only; see `describeHostSource` for the rules. */
export function resolveOllamaHost(
  setting: string | null | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  return describeHostSource(setting, env).url
}
