import type { IncomingHttpHeaders, ServerResponse } from 'node:http'

/**
 * Not Ollama: a stand-in for an authenticating reverse proxy (nginx `auth_basic` or an `if ($http_authorization …)`
 * check, Caddy `basic_auth`, a bearer-token gateway) in front of it, for the app's per-host headers. Returns the
 * names of the required headers this request lacks or sends with another value (names only, never values, so a
 * log line can say why), or an empty list when it may pass.
 */
export function failedHeaders(required: Map<string, string>, headers: IncomingHttpHeaders): string[] {
  const failed: string[] = []
  for (const [name, value] of required) {
    const sent = headers[name]
    const joined = Array.isArray(sent) ? sent.join(', ') : sent
    if (joined !== value) failed.push(name)
  }
  return failed
}

/**
 * The proxy's refusal: 401 `Unauthorized` as plain text. Real proxies differ in the body — nginx sends an HTML
 * page titled `401 Authorization Required`, Caddy an empty body — so a client should key on the status. When the
 * proxy checks `Authorization`, the challenge names the scheme of the expected value, as RFC 9110 asks of a 401.
 */
export function sendProxyUnauthorized(res: ServerResponse, required: Map<string, string>): void {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '12' }
  const scheme = /^(\S+)\s/.exec(required.get('authorization') ?? '')?.[1]
  if (scheme !== undefined)
    headers['WWW-Authenticate'] = scheme.toLowerCase() === 'basic' ? `${scheme} realm="restricted"` : scheme
  res.writeHead(401, headers)
  res.end('Unauthorized')
}

/** Request headers for the record: lower-case names as Node gives them, repeated ones joined with ', '. */
export function recordedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
