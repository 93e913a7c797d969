import { readOllamaHost, type OllamaHostRefusal } from './host'

/** The result of reading an Ollama address typed by a person. */
export type HostCheck = { ok: true; value: string } | { ok: false; message: string }

const EXAMPLE = 'e.g. http://127.0.0.1:11434 or 192.168.1.20:11434'

const unusable = (text: string) => `"${text}" is not a usable Ollama address (${EXAMPLE}).`

const REFUSALS: Record<OllamaHostRefusal, (text: string) => string> = {
  empty: () => `The Ollama address is empty (${EXAMPLE}).`,
  scheme: () => `The Ollama address must start with http:// or https:// (${EXAMPLE}).`,
  credentials: () => 'The Ollama address cannot contain a user name or password.',
  invalid: unusable,
}

/**
 * Checks an Ollama address typed on the Settings page. The value is read with Ollama's own `OLLAMA_HOST` rules
 * (`readOllamaHost`), but where Ollama quietly substitutes something (a bad port becomes the default one, a missing
 * host becomes loopback) a person gets told instead, because a setting that silently means something else is worse
 * than a refusal. A query, a fragment or a space is refused too: Ollama would read it as part of the port or path.
 * The stored value is the normalized URL (scheme and host in lower case, so equal settings stay equal).
 */
export function checkHostSetting(input: string): HostCheck {
  const text = input.trim()
  const reading = readOllamaHost(text)
  if (!reading.ok) return { ok: false, message: REFUSALS[reading.refusal](text) }
  if (/[?#]/.test(text)) return { ok: false, message: `The Ollama address cannot contain "?" or "#" (${EXAMPLE}).` }
  if (/\s/.test(text) || reading.hostMissing) return { ok: false, message: unusable(text) }
  if (reading.invalidPort !== null || reading.port === 0) {
    return { ok: false, message: `The Ollama address needs a port from 1 to 65535 (${EXAMPLE}).` }
  }
  return { ok: true, value: reading.url }
}
