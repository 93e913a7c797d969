import { describe, expect, it } from 'vitest'
import { MAX_HEADER_VALUE_LENGTH, MAX_HEADERS, RESERVED_HEADER_NAMES } from '../../../src-shared/header-rule'
import { AppFailure } from '../app-failure'
import { inputSchemas } from '../ipc/input-schemas'
import { checkHeaders } from './host-list'

/** The message `checkHeaders` refuses `headers` with (always `INVALID_INPUT`), or `null` when it passes them. */
const refusal = (headers: Record<string, string>): string | null => {
  try {
    checkHeaders(headers)
    return null
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe('INVALID_INPUT')
    return (error as AppFailure).message
  }
}

describe('checkHeaders (main’s side of the shared header rule)', () => {
  it('passes valid headers, trimmed', () => {
    expect(
      checkHeaders({ ' Authorization ': ' Bearer a\tb ', "X-Api_Key.1!#$%&'*+^`|~": 'k', 'X-Name': 'Zoë' }),
    ).toEqual({
      Authorization: 'Bearer a\tb',
      "X-Api_Key.1!#$%&'*+^`|~": 'k',
      'X-Name': 'Zoë',
    })
    expect(checkHeaders({ 'X-Long': 'a'.repeat(MAX_HEADER_VALUE_LENGTH) })).toEqual({
      'X-Long': 'a'.repeat(MAX_HEADER_VALUE_LENGTH),
    })
  })

  it('refuses invalid names', () => {
    for (const name of ['', 'Bad Name', 'X:Y', 'X(1)', 'Ä', 'a'.repeat(101)])
      expect(refusal({ [name]: 'x' })).toMatch(/is not a header name/)
  })

  it('refuses control characters in values', () => {
    for (const value of ['a\r\nX-Evil: 1', 'a\nb', 'a\0b', 'a\u001bb', 'a\u007fb', 'a\u0100b']) {
      expect(refusal({ 'X-Key': value })).toMatch(/a character a header cannot carry/)
    }
    expect(refusal({ 'X-Key': '  ' })).toBe('The X-Key header has no value.')
  })

  it('refuses reserved names in any case, and a name given twice', () => {
    for (const name of RESERVED_HEADER_NAMES) {
      for (const spelled of [name, name.toUpperCase()])
        expect(refusal({ [spelled]: 'x' })).toMatch(/is set by ollmchat or the connection itself/)
    }
    expect(RESERVED_HEADER_NAMES).toEqual(
      new Set([
        'content-type',
        'content-length',
        'host',
        'accept',
        'user-agent',
        'connection',
        'keep-alive',
        'proxy-connection',
        'te',
        'trailer',
        'transfer-encoding',
        'upgrade',
        'expect',
      ]),
    )
    expect(refusal({ 'X-A': '1', 'x-a': '2' })).toBe('The header “x-a” is there twice.')
  })

  it('refuses a long value and too many headers, with the limits the IPC schema also holds', () => {
    expect(refusal({ 'X-Long': 'a'.repeat(MAX_HEADER_VALUE_LENGTH + 1) })).toMatch(/longer than 8,000 characters/)
    const many = Object.fromEntries(Array.from({ length: MAX_HEADERS + 1 }, (_, index) => [`X-${index}`, 'v']))
    expect(refusal(many)).toMatch(/at most 20 extra headers/)
    const schema = inputSchemas['hosts:save']
    expect(schema.safeParse({ url: 'h', headers: many }).success).toBe(false)
    expect(schema.safeParse({ url: 'h', headers: { 'X-Long': 'a'.repeat(MAX_HEADER_VALUE_LENGTH + 1) } }).success).toBe(
      false,
    )
    expect(schema.safeParse({ url: 'h', headers: { 'X-Long': 'a'.repeat(MAX_HEADER_VALUE_LENGTH) } }).success).toBe(
      true,
    )
  })
})
