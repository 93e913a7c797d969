import { afterEach, describe, expect, it } from 'vitest'
import { decodeKeepAlive, FOREVER_MS, parseGoDuration } from './go-duration'
import { goFloat, goLocalTime, goQuote, goSharpV, goUtcTime, goV } from './go-format'

describe('goFloat (%v of a JSON number)', () => {
  it.each([
    [4096, '4096'],
    [1048576, '1.048576e+06'],
    [1e6, '1e+06'],
    [999999, '999999'],
    [100000, '100000'],
    [0.6, '0.6'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2, '-2'],
    [1e21, '1e+21'],
    [0, '0'],
  ])('%d → %s', (n, text) => {
    expect(goFloat(n)).toBe(text)
  })
})

describe('goSharpV / goV / goQuote', () => {
  it('quotes strings with Go escapes', () => {
    expect(goQuote('<|eot_id|>')).toBe('"<|eot_id|>"')
    expect(goQuote('a"b\\c\nd\te\u0001')).toBe('"a\\"b\\\\c\\nd\\te\\x01"')
    expect(goQuote('héllo')).toBe('"héllo"')
  })

  it('formats values as %#v', () => {
    expect(goSharpV('abc')).toBe('"abc"')
    expect(goSharpV(true)).toBe('true')
    expect(goSharpV(1048576)).toBe('1.048576e+06')
    expect(goSharpV(null)).toBe('<nil>')
  })

  it('formats values as %v (Modelfile PARAMETER lines)', () => {
    expect(goV('<|eot_id|>')).toBe('<|eot_id|>')
    expect(goV(2097152)).toBe('2.097152e+06')
    expect(goV(false)).toBe('false')
  })
})

describe('Go time formatting', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  })

  it('writes UTC with trimmed nanoseconds and a Z', () => {
    const ms = Date.UTC(2026, 7, 21, 12, 3, 5, 120)
    expect(goUtcTime(ms, 456_000)).toBe('2026-08-21T12:03:05.120456Z')
    expect(goUtcTime(Date.UTC(2026, 7, 21, 12, 3, 5))).toBe('2026-08-21T12:03:05Z')
    expect(goUtcTime(ms, 456_789)).toBe('2026-08-21T12:03:05.120456789Z')
  })

  it('writes local time with the offset, or Z when the zone is UTC', () => {
    const ms = Date.UTC(2026, 7, 21, 19, 3, 5, 123)
    process.env.TZ = 'America/Los_Angeles'
    expect(goLocalTime(ms, 456_789)).toBe('2026-08-21T12:03:05.123456789-07:00')
    process.env.TZ = 'Asia/Kolkata'
    expect(goLocalTime(ms)).toBe('2026-08-22T00:33:05.123+05:30')
    process.env.TZ = 'UTC'
    expect(goLocalTime(ms)).toBe('2026-08-21T19:03:05.123Z')
  })
})

describe('Go durations (keep_alive)', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['300ms', 300],
    ['0', 0],
    ['-5m', -300_000],
    ['2h', 7_200_000],
  ])('parses %s', (text, ms) => {
    expect(parseGoDuration(text)).toEqual({ ms })
  })

  it.each([
    ['-1', 'time: missing unit in duration "-1"'],
    ['10', 'time: missing unit in duration "10"'],
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['5d', 'time: unknown unit "d" in duration "5d"'],
  ])('rejects %j with Go text', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ error })
  })

  it('decodes keep_alive numbers as seconds and negatives as forever', () => {
    expect(decodeKeepAlive(30)).toEqual({ ms: 30_000 })
    expect(decodeKeepAlive(0.5)).toEqual({ ms: 500 })
    expect(decodeKeepAlive(-1)).toEqual({ ms: FOREVER_MS })
    expect(decodeKeepAlive('-1m')).toEqual({ ms: FOREVER_MS })
    expect(decodeKeepAlive('10m')).toEqual({ ms: 600_000 })
    expect(decodeKeepAlive(true)).toEqual({ error: "Unsupported type: 'bool'" })
  })
})
