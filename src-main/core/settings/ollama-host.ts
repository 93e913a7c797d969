/** The result of reading an Ollama address typed by a person. */
export type HostCheck = { ok: true; value: string } | { ok: false; message: string }

const OLLAMA_PORT = '11434'
const SCHEME_PORTS: Record<string, string> = { http: '80', https: '443' }
const EXAMPLE = 'e.g. http://127.0.0.1:11434 or 192.168.1.20:11434'

/**
 * Reads an Ollama address the way Ollama reads `OLLAMA_HOST`, and returns it with everything explicit
 * (`scheme://host:port[/path]`), because ollama-js would otherwise pick port 80 for `http://host`:
 * - no scheme → `http://` and port 11434 (`localhost` → `http://localhost:11434`, `:5000` → `http://127.0.0.1:5000`);
 * - `http://` or `https://` without a port → that scheme's port (80 or 443), as Ollama's own CLI does;
 * - other schemes, credentials (fetch refuses URLs carrying them), queries and fragments are refused.
 */
export function normalizeOllamaHost(input: string): HostCheck {
  const text = input.trim()
  if (text === '') return { ok: false, message: `The Ollama address is empty (${EXAMPLE}).` }
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)
  const scheme = schemeMatch?.[1]?.toLowerCase() ?? 'http'
  if (!(scheme in SCHEME_PORTS)) {
    return { ok: false, message: `The Ollama address must start with http:// or https:// (${EXAMPLE}).` }
  }
  let rest = schemeMatch ? text.slice(schemeMatch[0].length) : text
  if (rest.startsWith(':')) rest = `127.0.0.1${rest}`
  let url: URL
  try {
    url = new URL(`${scheme}://${rest}`)
  } catch {
    return { ok: false, message: `"${text}" is not a usable Ollama address (${EXAMPLE}).` }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'The Ollama address cannot contain a user name or password.' }
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(rest)) {
    return { ok: false, message: `The Ollama address cannot contain "?" or "#" (${EXAMPLE}).` }
  }
  if (url.hostname === '') return { ok: false, message: `The Ollama address has no host (${EXAMPLE}).` }
  // url.port is '' for a scheme's default port even when typed, so the typed text decides.
  const explicitPort = /:(\d+)$/.exec(rest.split('/')[0] ?? '')?.[1]
  const port = explicitPort !== undefined ? String(Number(explicitPort)) : schemeMatch ? (SCHEME_PORTS[scheme] ?? OLLAMA_PORT) : OLLAMA_PORT
  if (port === '0') return { ok: false, message: `The Ollama address needs a port from 1 to 65535 (${EXAMPLE}).` }
  const path = url.pathname.replace(/\/+$/, '')
  return { ok: true, value: `${scheme}://${url.hostname}:${port}${path}` }
}
