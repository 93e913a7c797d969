/**
 * The only links ollmchat itself offers (as opposed to links in model output): `https:` pages of ollama.com or a
 * subdomain, such as the sign-in link Ollama sends for cloud models. Main checks a link before offering it, the
 * history check it again when reading a stored one, and the window before rendering it.
 */

/** The parts of a WHATWG `URL` used here; `src-shared` compiles without DOM or Node types, though both have it. */
interface ParsedUrl {
  protocol: string
  username: string
  password: string
  hostname: string
  href: string
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL

/** The normalised URL, or `null` for another host, another scheme, credentials in the URL, or no URL at all. */
export function safeOllamaLink(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null
  let parsed: ParsedUrl
  try {
    parsed = new WhatwgUrl(url.trim())
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null
  const host = parsed.hostname.toLowerCase()
  return host === 'ollama.com' || host.endsWith('.ollama.com') ? parsed.href : null
}
