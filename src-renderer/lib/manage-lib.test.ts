import { describe, expect, it } from 'vitest'
import { parseHeaderLines } from './header-lines'
import { hostAddress, otherHostLabel, sameHost } from './host-names'
import { sameModelName } from './model-names'
import { checkPullName } from './pull-name'
import { formatDuration, relativeTime, timeAheadText } from './relative-time'

describe('checkPullName', () => {
  it.each([
    'llama3.2:3b',
    'qwen3',
    'hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M',
    'localhost:5000/team/model:v1',
  ])('lets %j through to the core', (name) => expect(checkPullName(` ${name} `)).toEqual({ ok: true, name }))

  it.each(['', '  ', 'llama 3', 'a:b:c', ':3b', 'llama3:', 'team//model', 'http://example.com/x'])(
    'refuses %j',
    (name) => expect(checkPullName(name).ok).toBe(false),
  )
})

describe('parseHeaderLines', () => {
  it('reads one “Name: value” per line, skipping blank lines', () => {
    expect(parseHeaderLines('Authorization: Bearer a:b\n\nX-Team:  blue ')).toEqual({
      ok: true,
      headers: { Authorization: 'Bearer a:b', 'X-Team': 'blue' },
    })
    expect(parseHeaderLines('')).toEqual({ ok: true, headers: {} })
  })

  it('refuses a line that is not a header, and a name given twice', () => {
    expect(parseHeaderLines('Authorization: x\nnot a header')).toEqual({
      ok: false,
      message: 'Line 2 is not a header: write it as “Name: value”, e.g. “Authorization: Bearer …”.',
    })
    expect(parseHeaderLines('Bad Name: x').ok).toBe(false)
    expect(parseHeaderLines('A: 1\na: 2')).toEqual({ ok: false, message: 'The header “a” is there twice.' })
  })
})

describe('host names', () => {
  it('compares addresses however they are spelled', () => {
    expect(sameHost('http://192.168.1.20:11434/', '192.168.1.20:11434')).toBe(true)
    expect(sameHost('https://a.example', 'http://a.example')).toBe(false)
    expect(hostAddress('http://192.168.1.20:11434/')).toBe('192.168.1.20:11434')
    expect(hostAddress('https://ollama.example.com')).toBe('https://ollama.example.com')
  })

  it('names another host only when it is not the one in use', () => {
    const hosts = [{ id: 'h1', url: 'http://10.0.0.5:11434', name: 'Lab', headerNames: [] }]
    expect(otherHostLabel('http://10.0.0.5:11434', 'http://127.0.0.1:11434', hosts)).toBe('Lab')
    expect(otherHostLabel('http://10.0.0.9:11434', 'http://127.0.0.1:11434', hosts)).toBe('10.0.0.9:11434')
    expect(otherHostLabel('http://127.0.0.1:11434/', 'http://127.0.0.1:11434', hosts)).toBeNull()
    expect(otherHostLabel(null, 'http://127.0.0.1:11434', hosts)).toBeNull()
    expect(otherHostLabel('http://10.0.0.5:11434', null, hosts)).toBeNull()
  })
})

describe('times', () => {
  const now = Date.parse('2026-08-03T12:00:00Z')
  it.each([
    ['2026-08-03T11:59:30Z', 'just now'],
    ['2026-08-03T11:55:00Z', '5 min ago'],
    ['2026-08-03T09:00:00Z', '3 h ago'],
    ['2026-08-02T09:00:00Z', 'yesterday'],
    ['2026-07-30T12:00:00Z', '4 days ago'],
  ])('%s reads %j', (iso, text) => expect(relativeTime(iso, now)).toBe(text))

  it('says "unknown" for no time', () => expect(relativeTime(null, now)).toBe('unknown'))

  it.each([
    [6, '6 s'],
    [150, '3 min'],
    [3900, '1 h 5 min'],
    [7200, '2 h'],
  ])('%i seconds read %j', (seconds, text) => expect(formatDuration(seconds)).toBe(text))

  it.each([
    [59_999, 'in less than a minute'],
    [60_000, 'in 1 min'],
    // Rounded: just after a reply, a 5-minute keep-alive still reads 5, not 4.
    [4 * 60_000 + 58_000, 'in 5 min'],
    [4 * 60_000 + 20_000, 'in 4 min'],
    [59 * 60_000 + 40_000, 'in 1 h'],
    [100 * 60_000, 'in 2 h'],
    [47 * 3_600_000, 'in 47 h'],
    [72 * 3_600_000, 'in 3 days'],
  ])('%i ms ahead read %j', (ms, text) => expect(timeAheadText(ms)).toBe(text))
})

it('treats llama3 and llama3:latest as one model', () => {
  expect(sameModelName('llama3', 'LLAMA3:latest')).toBe(true)
  expect(sameModelName('llama3', 'llama3:8b')).toBe(false)
  expect(sameModelName('localhost:5000/team/m', 'localhost:5000/team/m:latest')).toBe(true)
  // Two parts make the first a namespace, and Ollama refuses `localhost:5000` as one: no defaults are filled in.
  expect(sameModelName('localhost:5000/m', 'localhost:5000/m:latest')).toBe(false)
})
