import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Settings } from '../../../src-shared/types'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { createMemoryLogger } from '../log'
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
  createSettingsService(openFileSettingsStore(dir), { modelKey, ...options })
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

    const store = openFileSettingsStore(dir)
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

describe('window state', () => {
  it('is null until saved, then round-trips rounded to whole pixels', () => {
    expect(service.getWindowState()).toBeNull()
    service.setWindowState({ width: 1024.4, height: 700.6, x: -1919.5, y: 20, maximized: false })
    expect(open().getWindowState()).toEqual({ width: 1024, height: 701, x: -1919, y: 20, maximized: false })
    service.setWindowState({ width: 800, height: 600, maximized: true })
    expect(service.getWindowState()).toEqual({ width: 800, height: 600, maximized: true })
  })

  it('refuses unusable geometry', () => {
    expect(() => service.setWindowState({ width: Number.NaN, height: 600, maximized: false })).toThrow(TypeError)
    expect(() => service.setWindowState({ width: 0.2, height: 600, maximized: false })).toThrow(/not a usable size/)
    expect(() => service.setWindowState({ width: 800, height: 600, maximized: 'yes' as unknown as boolean })).toThrow(/maximized/)
    expect(service.getWindowState()).toBeNull()
  })

  it('ignores a malformed stored geometry and stray coordinates', () => {
    const values = new Map<string, unknown>([['window', { width: 800, height: '600', maximized: false }]])
    const memory: KeyValueStore = { get: (key) => values.get(key), set: (key, value) => void values.set(key, value), delete: (key) => void values.delete(key) }
    const loose = createSettingsService(memory, { modelKey })
    expect(loose.getWindowState()).toBeNull()
    values.set('window', { width: 800, height: 600, maximized: true, x: 1.5, y: 10 })
    expect(loose.getWindowState()).toEqual({ width: 800, height: 600, maximized: true, y: 10 })
  })
})

describe('temporary model registry', () => {
  const record = { path: 'ollmchat-temp/Llama3-oc8192', baseModel: 'llama3:latest', baseDigest: 'sha256:abc', numCtx: 8192, createdAt: '2025-01-01T00:00:00.000Z' }

  it('persists records across reopen, with case-insensitive paths', () => {
    service.tempModels.set(record)
    service.tempModels.set({ ...record, path: 'ollmchat-temp/qwen3-oc4096', numCtx: 4096 })
    const reopened = open().tempModels
    expect(reopened.get('OLLMCHAT-TEMP/llama3-OC8192')).toEqual(record)
    expect(reopened.all().map((r) => r.numCtx).sort()).toEqual([4096, 8192])
    reopened.delete('ollmchat-temp/LLAMA3-oc8192')
    reopened.delete('ollmchat-temp/unknown')
    expect(open().tempModels.all().map((r) => r.path)).toEqual(['ollmchat-temp/qwen3-oc4096'])
  })

  it('replaces a record with the same path, returns copies, and refuses incomplete ones', () => {
    service.tempModels.set(record)
    service.tempModels.set({ ...record, baseDigest: 'sha256:new' })
    const fetched = service.tempModels.get(record.path)
    expect(fetched?.baseDigest).toBe('sha256:new')
    if (fetched) fetched.numCtx = 1
    expect(service.tempModels.get(record.path)?.numCtx).toBe(8192)
    expect(service.tempModels.all()).toHaveLength(1)
    expect(() => service.tempModels.set({ ...record, numCtx: 0 })).toThrow(TypeError)
  })

  it('does not count as a settings change', () => {
    let calls = 0
    service.onChange(() => (calls += 1))
    service.tempModels.set(record)
    service.setWindowState({ width: 800, height: 600, maximized: false })
    expect(calls).toBe(0)
  })
})

describe('onChange', () => {
  it('reports each real change with the new settings, until unsubscribed', () => {
    const seen: Settings[] = []
    const unsubscribe = service.onChange((settings) => seen.push(settings))
    service.update({ theme: 'light' })
    service.update({ theme: 'light' })
    service.setNumCtx('a', 2048)
    service.setNumCtx('a', 2048)
    service.setNumCtx('b', null)
    expect(seen.map((settings) => [settings.theme, settings.modelOptions])).toEqual([
      ['light', {}],
      ['light', { 'a:latest': { numCtx: 2048 } }],
    ])
    unsubscribe()
    service.update({ theme: 'dark' })
    expect(seen).toHaveLength(2)
  })

  it('keeps notifying the others when one listener throws, and logs it', () => {
    const log = createMemoryLogger()
    const logged = open({ log })
    let reached = false
    logged.onChange(() => {
      throw new Error('listener broke')
    })
    logged.onChange(() => (reached = true))
    expect(logged.update({ theme: 'dark' }).theme).toBe('dark')
    expect(reached).toBe(true)
    expect(log.lines).toEqual([{ level: 'error', message: 'a settings listener failed', fields: { error: 'listener broke' } }])
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
