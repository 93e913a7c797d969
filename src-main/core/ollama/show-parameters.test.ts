import { describe, expect, it } from 'vitest'
import { numCtxOf, parseShowParameters } from './show-parameters'

const pad = (key: string) => key.padEnd(30, ' ')

describe('parseShowParameters', () => {
  it('reads numbers, strings, booleans and repeated keys as Ollama prints them', () => {
    const text = [
      `${pad('num_ctx')} 4096`,
      `${pad('stop')} "<|start_header_id|>"`,
      `${pad('stop')} "<|eot_id|>"`,
      `${pad('temperature')} 0.7`,
      `${pad('use_mmap')} false`,
      `${pad('penalize')} true`,
      '',
    ].join('\n')
    expect(parseShowParameters(text)).toEqual({
      num_ctx: 4096,
      stop: ['<|start_header_id|>', '<|eot_id|>'],
      temperature: 0.7,
      use_mmap: false,
      penalize: true,
    })
  })

  it('reads the exponent form Go uses for values of a million and more', () => {
    const parsed = parseShowParameters(`${pad('num_ctx')} 1.048576e+06`)
    expect(parsed['num_ctx']).toBe(1_048_576)
    expect(numCtxOf(parsed)).toBe(1_048_576)
  })

  it('keeps a single stop as an array and strings with spaces intact', () => {
    expect(parseShowParameters(`${pad('stop')} "User: "\n${pad('system')} "be brief"`)).toEqual({
      stop: ['User: '],
      system: 'be brief',
    })
  })

  it('falls back to the text between quotes when Go escapes are not JSON', () => {
    expect(parseShowParameters(`stop "\\x00end"`)).toEqual({ stop: ['\\x00end'] })
  })

  it('turns a key seen twice into an array', () => {
    expect(parseShowParameters('a 1\na 2\na 3')).toEqual({ a: [1, 2, 3] })
  })

  it('returns an empty object for missing or empty text', () => {
    expect(parseShowParameters(undefined)).toEqual({})
    expect(parseShowParameters(null)).toEqual({})
    expect(parseShowParameters('\n  \nlonely\n')).toEqual({})
  })
})

describe('numCtxOf', () => {
  it('reads num_ctx, truncating a float like Ollama does', () => {
    expect(numCtxOf({ num_ctx: 8192 })).toBe(8192)
    expect(numCtxOf({ num_ctx: 4096.7 })).toBe(4096)
  })

  it('is null when absent or not a number (a stored "abc" breaks chats in Ollama)', () => {
    expect(numCtxOf({})).toBeNull()
    expect(numCtxOf({ num_ctx: 'abc' })).toBeNull()
    expect(numCtxOf({ num_ctx: [1, 2] })).toBeNull()
  })
})
