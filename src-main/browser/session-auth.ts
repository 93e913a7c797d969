import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Browser mode's whole security model: loopback only, a random token in the printed URL, then a cookie. */
export const SESSION_COOKIE = 'ollmchat_session'

/** 32 random bytes, URL-safe. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url')

/** Compares in constant time so the token cannot be guessed byte by byte from response times. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (given === null || given === undefined) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Reads one cookie from the request; `null` when absent. */
export function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

/** `Set-Cookie` value for the session: HttpOnly (scripts never see it), SameSite=Strict (no cross-site sends). */
export const sessionCookie = (token: string): string =>
  `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`

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
