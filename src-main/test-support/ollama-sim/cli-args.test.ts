import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args'

describe('parseCliArgs', () => {
  it('defaults to port 11434, the realistic model set, 25 ms tokens and a request log', () => {
    expect(parseCliArgs([])).toEqual({
      port: 11434,
      models: ['llama3.2:3b', 'qwen3:8b', 'gemma3:4b', 'mistral:7b'],
      tokenDelayMs: 25,
      quiet: false,
    })
  })

  it('reads every flag in both spellings', () => {
    expect(parseCliArgs(['--port', '0', '--host=0.0.0.0', '--models', 'a, b:1b', '--token-delay=5', '--load-delay', '100'])).toEqual({
      port: 0,
      host: '0.0.0.0',
      models: ['a', 'b:1b'],
      tokenDelayMs: 5,
      loadDelayMs: 100,
      quiet: false,
    })
  })

  it('accepts an empty model list', () => {
    expect(parseCliArgs(['--models='])).toMatchObject({ models: [] })
  })

  it('returns help and rejects bad input', () => {
    expect(parseCliArgs(['--help'])).toBe('help')
    expect(() => parseCliArgs(['--port', 'x'])).toThrow('--port needs a non-negative number')
    expect(() => parseCliArgs(['--bogus'])).toThrow('unknown option --bogus')
  })
})
