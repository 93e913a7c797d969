import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { createFileSecretStore, PLAIN_CODEC, type SecretCodec } from './secret-file'

/** "Encrypts" by reversing the text; decoding anything not written by it fails, as another keychain's would. */
const REVERSING: SecretCodec = {
  encrypts: true,
  encode: (text) => `r:${[...text].reverse().join('')}`,
  decode: (stored) => {
    if (!stored.startsWith('r:')) throw new Error('not mine')
    return [...stored.slice(2)].reverse().join('')
  },
}

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-secrets-'))
  file = join(dir, 'data', 'secrets.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('createFileSecretStore', () => {
  it('reads back what it wrote, per host, with nothing readable on disk when the codec encrypts', () => {
    const store = createFileSecretStore(file, REVERSING, createMemoryLogger())
    expect(store.encrypts).toBe(true)
    expect(store.read('a')).toEqual({})
    store.write('a', { Authorization: 'Bearer s3cret' })
    store.write('b', { 'X-Team': 'blue' })
    expect(store.read('a')).toEqual({ Authorization: 'Bearer s3cret' })
    expect(createFileSecretStore(file, REVERSING, createMemoryLogger()).read('b')).toEqual({ 'X-Team': 'blue' })
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret')
    expect(createFileSecretStore(file, PLAIN_CODEC, createMemoryLogger()).encrypts).toBe(false)
  })

  it.skipIf(process.platform === 'win32')('keeps the file readable by the user only', () => {
    createFileSecretStore(file, PLAIN_CODEC, createMemoryLogger()).write('a', { A: '1' })
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('removes a host with null or {}, leaving the others', () => {
    const store = createFileSecretStore(file, PLAIN_CODEC, createMemoryLogger())
    store.write('a', { A: '1' })
    store.write('b', { B: '2' })
    store.write('c', { C: '3' })
    store.write('a', null)
    store.write('b', {})
    expect([store.read('a'), store.read('b'), store.read('c')]).toEqual([{}, {}, { C: '3' }])
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toEqual(['c'])
  })

  it('moves a damaged file aside instead of overwriting it, and says so without its contents', () => {
    mkdirSync(join(dir, 'data'))
    writeFileSync(file, '{"a": "Bearer s3cret", trunc')
    const log = createMemoryLogger()
    const store = createFileSecretStore(file, PLAIN_CODEC, log)
    expect(store.read('a')).toEqual({})
    store.write('b', { B: '2' })
    expect(store.read('b')).toEqual({ B: '2' })
    const aside = readdirSync(join(dir, 'data')).filter((name) => name.startsWith('secrets.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, 'data', aside[0] ?? ''), 'utf8')).toBe('{"a": "Bearer s3cret", trunc')
    expect(log.lines).toMatchObject([
      { level: 'warn', message: expect.stringMatching(/damaged: the file was moved aside/) as unknown },
    ])
    expect(JSON.stringify(log.lines)).not.toContain('s3cret')
  })

  it('does not replace a file it cannot read', () => {
    mkdirSync(file, { recursive: true })
    const log = createMemoryLogger()
    const store = createFileSecretStore(file, PLAIN_CODEC, log)
    expect(store.read('a')).toEqual({})
    expect(() => store.write('a', { A: '1' })).toThrow()
    expect(statSync(file).isDirectory()).toBe(true)
    expect(log.lines).toMatchObject([{ level: 'warn', message: expect.stringMatching(/could not be read/) as unknown }])
  })

  it('reads a value it cannot decode as no headers, logged without the value', () => {
    mkdirSync(join(dir, 'data'))
    writeFileSync(file, JSON.stringify({ a: 'Bearer s3cret', b: 'r:]1[', c: 'r:}"2":"B"{' }))
    const log = createMemoryLogger()
    const store = createFileSecretStore(file, REVERSING, log)
    expect(store.read('a')).toEqual({})
    expect(store.read('b')).toEqual({})
    expect(store.read('c')).toEqual({ B: '2' })
    expect(log.lines).toMatchObject([
      { level: 'warn', fields: { hostId: 'a' } },
      { level: 'warn', fields: { hostId: 'b' } },
    ])
    expect(JSON.stringify(log.lines)).not.toContain('s3cret')
  })
})
