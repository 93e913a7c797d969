import { describe, expect, it } from 'vitest'
import {
  displayName,
  fullName,
  isCloudName,
  isValidName,
  parseName,
  parseValidName,
  sameName,
  stripSourceSuffix,
} from './names'

describe('parseName / displayName', () => {
  it.each([
    ['llama3', 'registry.ollama.ai/library/llama3:latest', 'llama3:latest'],
    ['llama3:8b-instruct-q4_0', 'registry.ollama.ai/library/llama3:8b-instruct-q4_0', 'llama3:8b-instruct-q4_0'],
    ['user/model', 'registry.ollama.ai/user/model:latest', 'user/model:latest'],
    ['hf.co/user/repo:Q4_K_M', 'hf.co/user/repo:Q4_K_M', 'hf.co/user/repo:Q4_K_M'],
    ['registry.ollama.ai/library/llama3:latest', 'registry.ollama.ai/library/llama3:latest', 'llama3:latest'],
    [
      'ollmchat-temp/llama3-oc4096',
      'registry.ollama.ai/ollmchat-temp/llama3-oc4096:latest',
      'ollmchat-temp/llama3-oc4096:latest',
    ],
    ['https://hf.co/u/r', 'hf.co/u/r:latest', 'hf.co/u/r:latest'],
    ['myreg:5000/ns/model', 'myreg:5000/ns/model:latest', 'myreg:5000/ns/model:latest'],
  ])('%s is stored as %s and displayed as %s', (input, full, display) => {
    const name = parseValidName(input)
    expect(name).toBeDefined()
    if (name === undefined) return
    expect(fullName(name)).toBe(full)
    expect(displayName(name)).toBe(display)
  })

  it('splits the tag only at a colon after the last slash', () => {
    expect(parseName('host:5000/ns/m')).toMatchObject({ host: 'host:5000', namespace: 'ns', model: 'm', tag: 'latest' })
    expect(parseName('a/b:c')).toMatchObject({ namespace: 'a', model: 'b', tag: 'c' })
  })

  it('keeps the stored letter case in the display form', () => {
    const name = parseValidName('Ollmchat-Temp/X:Ctx4096')
    expect(name && displayName(name)).toBe('Ollmchat-Temp/X:Ctx4096')
  })
})

describe('validation', () => {
  it.each([
    ['ollmchat-temp/hf.co/u/r:t', 'a nested full name makes a host with a slash'],
    ['myreg:5000/model', 'a port lands in the namespace'],
    ['my.ns/model', 'a dot in the namespace'],
    ['llama3:', 'an empty tag'],
    [':tag', 'an empty model'],
    ['/model', 'an empty namespace'],
    ['a//b', 'an empty part in the middle'],
    ['-model', 'a first character that is not alphanumeric or underscore'],
    ['model:-tag', 'a tag starting with a dash'],
    ['modèle', 'non-ASCII'],
    ['my model', 'a space'],
    ['', 'an empty name'],
    ['a:b:c', 'a colon inside the model part'],
  ])('rejects %j (%s)', (input) => {
    expect(parseValidName(input)).toBeUndefined()
  })

  it('accepts underscores, dots and dashes where allowed', () => {
    expect(parseValidName('_ns-1/m_o.d-el:t_a.g-1')).toBeDefined()
  })

  it('enforces the 80-byte part limit and the 350-byte host limit', () => {
    expect(parseValidName('m'.repeat(80))).toBeDefined()
    expect(parseValidName('m'.repeat(81))).toBeUndefined()
    expect(parseValidName(`x:${'t'.repeat(81)}`)).toBeUndefined()
    expect(parseValidName(`${'n'.repeat(81)}/x`)).toBeUndefined()
    expect(parseValidName(`${'h'.repeat(350)}/ns/m`)).toBeDefined()
    expect(parseValidName(`${'h'.repeat(351)}/ns/m`)).toBeUndefined()
  })

  it('validates a parsed name part by part', () => {
    expect(isValidName({ host: 'registry.ollama.ai', namespace: 'library', model: 'x', tag: 'latest' })).toBe(true)
    expect(isValidName({ host: 'registry.ollama.ai', namespace: 'lib.rary', model: 'x', tag: 'latest' })).toBe(false)
  })
})

describe('helpers', () => {
  it('compares names case-insensitively with defaults filled', () => {
    const a = parseName('LLAMA3')
    const b = parseName('registry.ollama.ai/library/llama3:latest')
    expect(sameName(a, b)).toBe(true)
    expect(sameName(a, parseName('llama3:8b'))).toBe(false)
  })

  it('drops a :local selector but keeps :cloud', () => {
    expect(stripSourceSuffix('llama3:LOCAL')).toBe('llama3')
    expect(stripSourceSuffix('gpt-oss:cloud')).toBe('gpt-oss:cloud')
  })

  it('recognizes cloud tags', () => {
    expect(isCloudName(parseName('gpt-oss:120b-cloud'))).toBe(true)
    expect(isCloudName(parseName('qwen3:Cloud'))).toBe(true)
    expect(isCloudName(parseName('llama3:8b'))).toBe(false)
  })
})
