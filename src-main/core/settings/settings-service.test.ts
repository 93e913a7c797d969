import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import type { Settings } from '../../../src-shared/types'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { openFileSettingsStore } from './file-settings-store'
import { createSettingsService, type SettingsService } from './settings-service'

/** Test stand-in for the lead's canonical-name function: lower case, `:latest` when no tag. */
const modelKey = (model: string) => {
  const lower = model.trim().toLowerCase()
  return lower.includes(':') ? lower : `${lower}:latest`
}

let dir: string
let service: SettingsService
const open = (options: Partial<Parameters<typeof createSettingsService>[1]> = {}) =>
  createSettingsService(openFileSettingsStore(dir, { log: silentLogger }), { modelKey, ...options })
const fileJson = () => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-settings-service-'))
  service = open()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const failureCode = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof AppFailure ? `${error.code}: ${error.message}` : `not an AppFailure: ${String(error)}`
  }
  return 'did not throw'
}

describe('get and update', () => {
  it('starts from the defaults', () => {
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('stores each setting and reads it back after reopening', () => {
    const updated = service.update({ ollamaHost: 'localhost', theme: 'dark', defaultModel: ' llama3:latest ', lastConversationId: 'c-1' })
    const expected: Settings = { ...DEFAULT_SETTINGS, ollamaHost: 'http://localhost:11434', theme: 'dark', defaultModel: 'llama3:latest', lastConversationId: 'c-1' }
    expect(updated).toEqual(expected)
    expect(open().get()).toEqual(expected)
  })

  it('treats empty text and null as "not set"', () => {
    service.update({ ollamaHost: 'http://10.0.0.2:11434', defaultModel: 'a', lastConversationId: 'b' })
    expect(service.update({ ollamaHost: '  ', defaultModel: '', lastConversationId: null })).toMatchObject({
      ollamaHost: null, defaultModel: null, lastConversationId: null,
    })
  })

  it('validates the whole patch before writing any of it', () => {
    expect(failureCode(() => service.update({ theme: 'dark', ollamaHost: 'ftp://x' }))).toMatch(/^INVALID_INPUT: .*http:\/\/ or https:\/\//)
    expect(failureCode(() => service.update({ theme: 'blue' as 'dark' }))).toBe('INVALID_INPUT: theme must be "system", "light" or "dark".')
    expect(failureCode(() => service.update({ defaultModel: 3 as unknown as string }))).toBe('INVALID_INPUT: defaultModel must be text or null.')
    expect(failureCode(() => service.update({ modelOptions: {} } as never))).toBe('INVALID_INPUT: "modelOptions" is not a setting that can be changed here.')
    expect(failureCode(() => service.update(null as never))).toBe('INVALID_INPUT: Settings must be an object.')
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('falls back to defaults for values of the wrong type in the store', () => {
    const values = new Map<string, unknown>([['theme', 'sepia'], ['ollamaHost', 5], ['modelOptions', { a: { numCtx: 'big' }, b: { numCtx: 2048 }, c: null }]])
    const memory: KeyValueStore = { get: (key) => values.get(key), set: (key, value) => void values.set(key, value), delete: (key) => void values.delete(key) }
    const loose = createSettingsService(memory, { modelKey })
    expect(loose.get()).toEqual({ ...DEFAULT_SETTINGS, modelOptions: { b: { numCtx: 2048 } } })
    expect(loose.getNumCtx('a')).toBeNull()
  })
})

describe('per-model options', () => {
  it('shares one option between spellings of a model name', () => {
    service.setNumCtx('Llama3', 16384)
    expect(service.getNumCtx('llama3:latest')).toBe(16384)
    expect(service.getNumCtx('LLAMA3:Latest')).toBe(16384)
    expect(service.getNumCtx('llama3:8b')).toBeNull()
    expect(service.get().modelOptions).toEqual({ 'llama3:latest': { numCtx: 16384 } })
    expect(open().getNumCtx('llama3')).toBe(16384)
  })

  it('keeps models with dots in their names apart', () => {
    service.setNumCtx('llama3.2', 4096)
    service.setNumCtx('llama3', 8192)
    expect(fileJson().modelOptions).toEqual({ 'llama3.2:latest': { numCtx: 4096 }, 'llama3:latest': { numCtx: 8192 } })
  })

  it('resets to the default with null, removing the entry but keeping other option fields', () => {
    service.setNumCtx('a', 2048)
    service.setNumCtx('b', 4096)
    service.setNumCtx('a', null)
    expect(service.getNumCtx('a')).toBeNull()
    expect(fileJson().modelOptions).toEqual({ 'b:latest': { numCtx: 4096 } })

    const store = openFileSettingsStore(dir, { log: silentLogger })
    store.set('modelOptions', { 'c:latest': { numCtx: 1024, temperature: 0.3 } })
    service.setNumCtx('c', null)
    expect(fileJson().modelOptions).toEqual({ 'c:latest': { temperature: 0.3 } })
    service.setNumCtx('c', 512)
    expect(fileJson().modelOptions).toEqual({ 'c:latest': { temperature: 0.3, numCtx: 512 } })
  })

  it('refuses what is not a positive whole number, without range checks', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '4096' as unknown as number]) {
      expect(failureCode(() => service.setNumCtx('a', bad))).toBe('INVALID_NUM_CTX: The context length must be a positive whole number of tokens.')
    }
    expect(failureCode(() => service.setNumCtx('  ', 4096))).toBe('INVALID_INPUT: A model name is required.')
    service.setNumCtx('a', 3)
    expect(service.getNumCtx('a')).toBe(3)
  })
})

describe('temporary model registry', () => {
  const host = 'http://127.0.0.1:11434'
  const record = { path: 'ollmchat-temp/Llama3-oc8192', baseModel: 'llama3:latest', baseDigest: 'sha256:abc', numCtx: 8192, createdAt: '2025-01-01T00:00:00.000Z' }
  const onHost = (settings: SettingsService, at = host) => settings.tempModels.forHost(at)

  it('persists records across reopen, with case-insensitive paths', () => {
    onHost(service).set(record)
    onHost(service).set({ ...record, path: 'ollmchat-temp/qwen3-oc4096', numCtx: 4096 })
    const reopened = onHost(open())
    expect(reopened.get('OLLMCHAT-TEMP/llama3-OC8192')).toEqual({ ...record, host })
    expect(reopened.all().map((r) => r.numCtx).sort()).toEqual([4096, 8192])
    reopened.delete('ollmchat-temp/LLAMA3-oc8192')
    reopened.delete('ollmchat-temp/unknown')
    expect(onHost(open()).all().map((r) => r.path)).toEqual(['ollmchat-temp/qwen3-oc4096'])
  })

  it('replaces a record with the same path, returns copies, and refuses incomplete ones', () => {
    onHost(service).set(record)
    onHost(service).set({ ...record, baseDigest: 'sha256:new' })
    const fetched = onHost(service).get(record.path)
    expect(fetched?.baseDigest).toBe('sha256:new')
    if (fetched) fetched.numCtx = 1
    expect(onHost(service).get(record.path)?.numCtx).toBe(8192)
    expect(onHost(service).all()).toHaveLength(1)
    expect(() => onHost(service).set({ ...record, numCtx: 0 })).toThrow(TypeError)
  })

  it('keeps each host to its own records: another host neither sees nor deletes them', () => {
    const other = 'http://192.168.1.20:11434'
    onHost(service).set(record)
    expect(onHost(service, other).get(record.path)).toBeUndefined()
    expect(onHost(service, other).all()).toEqual([])
    onHost(service, other).set({ ...record, baseDigest: 'sha256:other' })
    onHost(service, other).delete(record.path)
    expect(onHost(open()).get(record.path)).toEqual({ ...record, host })
    expect(onHost(open(), other).all()).toEqual([])
  })

  it('ignores records written before records knew their host, and drops them at the next write', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    store.set('tempModels', { [record.path.toLowerCase()]: record })
    expect(onHost(service).get(record.path)).toBeUndefined()
    expect(onHost(service).all()).toEqual([])
    onHost(service).set({ ...record, path: 'ollmchat-temp/qwen3-oc4096' })
    expect(Object.keys(fileJson().tempModels as object)).toEqual([`${host} ollmchat-temp/qwen3-oc4096`])
  })
})

describe('reading the store', () => {
  const countingStore = () => {
    const values = new Map<string, unknown>()
    const reads: string[] = []
    const store: KeyValueStore = {
      get: (key) => (reads.push(key), values.get(key)),
      set: (key, value) => void values.set(key, value),
      delete: (key) => void values.delete(key),
    }
    return { store, reads }
  }

  it('reads the model options once per lookup, however many models it is asked about', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey })
    counted.setNumCtx('a', 2048)
    reads.length = 0
    const numCtxOf = counted.numCtxLookup()
    expect(['a', 'A:latest', 'b', 'c'].map(numCtxOf)).toEqual([2048, 2048, null, null])
    expect(reads).toEqual(['modelOptions'])
  })

  it('reads each setting once per update and returns the merged result', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey })
    expect(counted.update({ theme: 'dark', defaultModel: 'qwen3:8b' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', defaultModel: 'qwen3:8b' })
    expect(reads.sort()).toEqual(['defaultModel', 'lastConversationId', 'modelOptions', 'ollamaHost', 'theme'])
    expect(counted.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', defaultModel: 'qwen3:8b' })
  })
})

describe('a corrupt file under the service', () => {
  it('keeps working with what could be saved from the file', () => {
    service.update({ theme: 'dark', defaultModel: 'qwen3:8b' })
    service.setNumCtx('llama3', 8192)
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...fileJson(), theme: 42 }))
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, defaultModel: 'qwen3:8b', modelOptions: { 'llama3:latest': { numCtx: 8192 } } })
    expect(open().get().defaultModel).toBe('qwen3:8b')
  })
})
