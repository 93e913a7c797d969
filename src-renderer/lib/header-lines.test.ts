import { describe, expect, it } from 'vitest'
import { MAX_HEADER_VALUE_LENGTH, MAX_HEADERS } from '../../src-shared/header-rule'
import { parseHeaderLines } from './header-lines'

// The rule itself is shared with main (`src-shared/header-rule.ts`); these cases go through the form's parser, and
// `host-list.test.ts` sends the same ones through main's check.
describe('parseHeaderLines: the shared header rule', () => {
  const refusal = (text: string) => {
    const parsed = parseHeaderLines(text)
    return parsed.ok ? null : parsed.message
  }

  it('passes headers a proxy may ask for, trimmed', () => {
    expect(parseHeaderLines('X-Api-Key:  k2\t\nAuthorization: Bearer a b\tc\nX-Name: Zoë')).toEqual({
      ok: true,
      headers: { 'X-Api-Key': 'k2', Authorization: 'Bearer a b\tc', 'X-Name': 'Zoë' },
    })
    expect(parseHeaderLines(`X-Long: ${'a'.repeat(MAX_HEADER_VALUE_LENGTH)}`).ok).toBe(true)
  })

  it('refuses names that are not RFC 9110 tokens', () => {
    for (const name of ['Bad Name', 'X(1)', 'X"a"', 'Ä-Header', 'X/Y', 'a'.repeat(101)]) {
      expect(refusal(`${name}: x`)).toMatch(/is not a header name/)
    }
    expect(refusal(': x')).toMatch(/^Line 1 is not a header/)
  })

  it('refuses control characters in a value, and characters fetch cannot send', () => {
    for (const value of ['a\rb', 'a\0b', 'a\u0001b', 'a\u007fb', 'a\u2028b', 'price €5']) {
      expect(refusal(`X-Key: ${value}`)).toMatch(/a character a header cannot carry/)
    }
    expect(refusal('X-Key:')).toBe('The X-Key header has no value.')
  })

  it('refuses the headers ollmchat or the connection set, in any case', () => {
    for (const name of [
      'Host',
      'content-TYPE',
      'Transfer-Encoding',
      'TE',
      'trailer',
      'Upgrade',
      'Keep-Alive',
      'EXPECT',
      'Proxy-Connection',
      'Connection',
    ]) {
      expect(refusal(`${name}: x`)).toBe(`The ${name} header is set by ollmchat or the connection itself.`)
    }
  })

  it('refuses a value that is too long, and too many headers', () => {
    expect(refusal(`X-Long: ${'a'.repeat(MAX_HEADER_VALUE_LENGTH + 1)}`)).toBe(
      'The value of the X-Long header is longer than 8,000 characters.',
    )
    const lines = Array.from({ length: MAX_HEADERS + 1 }, (_, index) => `X-${index}: v`).join('\n')
    expect(refusal(lines)).toBe(`A host can have at most ${MAX_HEADERS} extra headers.`)
  })
})
