import { normalizeOllamaHost } from './host'

/** The result of reading an Ollama address typed by a person. */
export type HostCheck = { ok: true; value: string } | { ok: false; message: string }

const EXAMPLE = 'e.g. http://127.0.0.1:11434 or 192.168.1.20:11434'

/**
 * Checks an Ollama address typed on the Settings page. The value is read with Ollama's own `OLLAMA_HOST` rules
 * (`normalizeOllamaHost`), but where Ollama quietly falls back (a bad port becomes the default one) a person gets
 * told instead, because a setting that silently means something else is worse than a refusal.
 */
export function checkHostSetting(input: string): HostCheck {
  const text = input.trim()
  if (text === '') return { ok: false, message: `The Ollama address is empty (${EXAMPLE}).` }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return { ok: false, message: `The Ollama address must start with http:// or https:// (${EXAMPLE}).` }
  }
  const rest = scheme === undefined ? text : text.slice(scheme.length + 3)
  const hostport = rest.split('/')[0] ?? ''
  if (hostport.includes('@')) return { ok: false, message: 'The Ollama address cannot contain a user name or password.' }
  if (/[?#]/.test(rest)) return { ok: false, message: `The Ollama address cannot contain "?" or "#" (${EXAMPLE}).` }
  if (/\s/.test(text) || hostport === '' || hostport === '[]') {
    return { ok: false, message: `"${text}" is not a usable Ollama address (${EXAMPLE}).` }
  }
  const port = /^(?:\[[^\]]*\]|[^:[\]]*):(.*)$/.exec(hostport)?.[1]
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return { ok: false, message: `The Ollama address needs a port from 1 to 65535 (${EXAMPLE}).` }
  }
  const value = normalizeOllamaHost(text)
  if (value === null) return { ok: false, message: `"${text}" is not a usable Ollama address (${EXAMPLE}).` }
  // Host names are case-insensitive; storing them in one case keeps equal settings equal. The path keeps its case.
  const pathAt = value.indexOf('/', value.indexOf('://') + 3)
  return { ok: true, value: pathAt < 0 ? value.toLowerCase() : value.slice(0, pathAt).toLowerCase() + value.slice(pathAt) }
}
