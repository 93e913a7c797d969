/**
 * The only links an error may offer: `https:` pages of ollama.com or a subdomain (Ollama's sign-in link).
 * Returns the normalised URL, or `null` for anything else (another host, another scheme, credentials in the
 * URL), which is then not rendered as a link at all.
 */
export function ollamaLinkUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null
  const host = parsed.hostname.toLowerCase()
  return host === 'ollama.com' || host.endsWith('.ollama.com') ? parsed.href : null
}
