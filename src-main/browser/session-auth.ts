import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Browser mode's whole security model: loopback only, a random token in the printed URL, then a cookie. The
 * cookie is named per port because browsers scope cookies by host, not port: two servers on 127.0.0.1 sharing
 * one name would overwrite each other's session.
 */
export const sessionCookieName = (port: number): string => `ollmchat_session_${port}`

/** 32 random bytes, URL-safe. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url')

/** Compares in constant time so the token cannot be guessed byte by byte from response times. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (given === null || given === undefined) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Reads one cookie from the request; `null` when absent or not valid percent-encoding (a refusal, not a crash). */
export function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return null
    }
  }
  return null
}

/** `Set-Cookie` value for the session: HttpOnly (scripts never see it), SameSite=Strict (no cross-site sends). */
export const sessionCookie = (port: number, token: string): string =>
  `${sessionCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`

/**
 * Refuses requests whose Host is not this server's loopback address (DNS rebinding: a hostile page that makes
 * its own hostname resolve to 127.0.0.1 would otherwise be same-origin with us) and cross-origin writes.
 */
export function isSameHostRequest(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false
  const origin = request.headers.origin
  return origin === undefined || origin === `http://${host}`
}
