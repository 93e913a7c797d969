import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { readCookie, sessionCookie, sessionCookieName, tokensMatch } from './session-auth'

const withCookie = (cookie: string | undefined) => ({ headers: { cookie } }) as IncomingMessage

describe('session cookie', () => {
  it('is named after the port, so servers on different ports of 127.0.0.1 never share it', () => {
    expect(sessionCookieName(5173)).toBe('ollmchat_session_5173')
    expect(sessionCookieName(5173)).not.toBe(sessionCookieName(5174))
    expect(sessionCookie(5173, 'a b')).toBe('ollmchat_session_5173=a%20b; HttpOnly; SameSite=Strict; Path=/')
  })

  it('reads the named cookie among others and decodes it', () => {
    const request = withCookie('ollmchat_session_1=one; ollmchat_session_2=t%20wo; other=x')
    expect(readCookie(request, 'ollmchat_session_2')).toBe('t wo')
    expect(readCookie(request, 'ollmchat_session_3')).toBeNull()
    expect(readCookie(withCookie(undefined), 'ollmchat_session_1')).toBeNull()
  })

  it('returns null for a value that is not valid percent-encoding', () => {
    expect(readCookie(withCookie('ollmchat_session_1=%E0%A4%A'), 'ollmchat_session_1')).toBeNull()
    expect(readCookie(withCookie('ollmchat_session_1=%'), 'ollmchat_session_1')).toBeNull()
  })

  it('matches tokens only when they are identical', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true)
    expect(tokensMatch('abc', 'abd')).toBe(false)
    expect(tokensMatch('abc', 'abcd')).toBe(false)
    expect(tokensMatch('abc', null)).toBe(false)
  })
})
