import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger, silentLogger } from '../log'
import type { Settings } from '../../../src-shared/types'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { KeyValueStore } from '../core-types'
import { openFileSettingsStore } from './file-settings-store'
import { createSettingsService, type SettingsService } from './settings-service'
import { asNumCtx } from '../../test-support/num-ctx'

/** Test stand-in for the lead's canonical-name function: lower case, `:latest` when no tag. */
const modelKey = (model: string) => {
  const lower = model.trim().toLowerCase()
  return lower.includes(':') ? lower : `${lower}:latest`
}

let dir: string
let service: SettingsService
const open = (options: Partial<Parameters<typeof createSettingsService>[1]> = {}) =>
  createSettingsService(openFileSettingsStore(dir, { log: silentLogger }), { modelKey, log: silentLogger, ...options })
const fileJson = () => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-settings-service-'))
  service = open()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The host the per-model options in these tests belong to. */
const H = 'http://127.0.0.1:11434'
const optionsInFile = () => (fileJson().hostModelOptions as Record<string, unknown>)[H]

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
    expect(service.get(H)).toEqual(DEFAULT_SETTINGS)
  })

  it('stores each setting and reads it back after reopening', () => {
    const updated = service.update(
      {
        ollamaHost: 'localhost',
        theme: 'dark',
        defaultModel: ' llama3:latest ',
        lastConversationId: 'c-1',
        tempModelLimit: 3,
        notifyTempModelCreated: true,
      },
      H,
    )
    const host = { id: updated.activeHostId ?? '', url: 'http://localhost:11434', name: null, headerNames: [] }
    const expected: Settings = {
      ...DEFAULT_SETTINGS,
      ollamaHost: 'http://localhost:11434',
      theme: 'dark',
      defaultModel: 'llama3:latest',
      lastConversationId: 'c-1',
      hosts: [host],
      activeHostId: host.id,
      tempModelLimit: 3,
      notifyTempModelCreated: true,
    }
    expect(updated).toEqual(expected)
    expect(open().get(H)).toEqual(expected)
  })

  it('treats empty text and null as "not set"', () => {
    service.update({ ollamaHost: 'http://10.0.0.2:11434', defaultModel: 'a', lastConversationId: 'b' }, H)
    expect(service.update({ ollamaHost: '  ', defaultModel: '', lastConversationId: null }, H)).toMatchObject({
      ollamaHost: null,
      defaultModel: null,
      lastConversationId: null,
    })
  })

  it('validates the whole patch before writing any of it', () => {
    expect(failureCode(() => service.update({ theme: 'dark', ollamaHost: 'ftp://x' }, H))).toMatch(
      /^INVALID_INPUT: .*http:\/\/ or https:\/\//,
    )
    expect(failureCode(() => service.update({ theme: 'blue' as 'dark' }, H))).toBe(
      'INVALID_INPUT: theme must be "system", "light" or "dark".',
    )
    expect(failureCode(() => service.update({ defaultModel: 3 as unknown as string }, H))).toBe(
      'INVALID_INPUT: defaultModel must be text or null.',
    )
    expect(failureCode(() => service.update({ modelOptions: {} } as never, H))).toBe(
      'INVALID_INPUT: "modelOptions" is not a setting that can be changed here.',
    )
    expect(failureCode(() => service.update(null as never, H))).toBe('INVALID_INPUT: Settings must be an object.')
    expect(failureCode(() => service.update({ tempModelLimit: 0 }, H))).toBe(
      'INVALID_INPUT: The limit of temporary models must be a whole number from 1 to 64.',
    )
    expect(failureCode(() => service.update({ activeHostId: 'nope' }, H))).toBe(
      'INVALID_INPUT: That host is no longer in the list.',
    )
    expect(service.get(H)).toEqual(DEFAULT_SETTINGS)
  })

  it('falls back to defaults for values of the wrong type in the store', () => {
    const values = new Map<string, unknown>([
      ['theme', 'sepia'],
      ['hosts', 5],
      ['tempModelLimit', 1000],
      ['hostModelOptions', { [H]: { a: { numCtx: 'big' }, b: { numCtx: 2048 }, c: null } }],
    ])
    const memory: KeyValueStore = {
      get: (key) => values.get(key),
      set: (key, value) => void values.set(key, value),
      delete: (key) => void values.delete(key),
    }
    const loose = createSettingsService(memory, { modelKey, log: silentLogger })
    expect(loose.get(H)).toEqual({ ...DEFAULT_SETTINGS, modelOptions: { b: { numCtx: 2048 } } })
    expect(loose.getNumCtx(H, 'a')).toBeNull()
  })
})

describe('per-model options', () => {
  it('shares one option between spellings of a model name', () => {
    service.setNumCtx(H, 'Llama3', asNumCtx(16384))
    expect(service.getNumCtx(H, 'llama3:latest')).toBe(16384)
    expect(service.getNumCtx(H, 'LLAMA3:Latest')).toBe(16384)
    expect(service.getNumCtx(H, 'llama3:8b')).toBeNull()
    expect(service.get(H).modelOptions).toEqual({ 'llama3:latest': { numCtx: 16384 } })
    expect(open().getNumCtx(H, 'llama3')).toBe(16384)
  })

  it('keeps models with dots in their names apart', () => {
    service.setNumCtx(H, 'llama3.2', asNumCtx(4096))
    service.setNumCtx(H, 'llama3', asNumCtx(8192))
    expect(optionsInFile()).toEqual({ 'llama3.2:latest': { numCtx: 4096 }, 'llama3:latest': { numCtx: 8192 } })
  })

  it('resets to the default with null, removing the entry but keeping other option fields', () => {
    service.setNumCtx(H, 'a', asNumCtx(2048))
    service.setNumCtx(H, 'b', asNumCtx(4096))
    service.setNumCtx(H, 'a', null)
    expect(service.getNumCtx(H, 'a')).toBeNull()
    expect(optionsInFile()).toEqual({ 'b:latest': { numCtx: 4096 } })

    const store = openFileSettingsStore(dir, { log: silentLogger })
    store.set('hostModelOptions', { [H]: { 'c:latest': { numCtx: 1024, temperature: 0.3 } } })
    service.setNumCtx(H, 'c', null)
    expect(optionsInFile()).toEqual({ 'c:latest': { temperature: 0.3 } })
    service.setNumCtx(H, 'c', asNumCtx(512))
    expect(optionsInFile()).toEqual({ 'c:latest': { temperature: 0.3, numCtx: 512 } })
  })

  // What is not a context length cannot reach `setNumCtx`: a `NumCtx` is made by `parseNumCtx` only (its refusals
  // are in src-shared/num-ctx.test.ts), and the model's own bounds are judged where it enters (`models:setNumCtx`).
  it('stores a context length as it is given, without checking it against a model, and needs a model name', () => {
    expect(failureCode(() => service.setNumCtx(H, '  ', asNumCtx(4096)))).toBe(
      'INVALID_INPUT: A model name is required.',
    )
    service.setNumCtx(H, 'a', asNumCtx(1_048_576))
    expect(service.getNumCtx(H, 'a')).toBe(1_048_576)
  })

  it('reads a stored context length with the one parser: one it refuses reads as not set', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    store.set('hostModelOptions', {
      [H]: { 'a:latest': { numCtx: 3 }, 'b:latest': { numCtx: 4096 }, 'c:latest': { numCtx: 2_000_000 } },
    })
    expect(service.getNumCtx(H, 'a')).toBeNull()
    expect(service.getNumCtx(H, 'c')).toBeNull()
    expect(service.get(H).modelOptions).toEqual({ 'b:latest': { numCtx: 4096 } })
  })
})

describe('per-host options', () => {
  it('keeps the options of one host from another', () => {
    const other = 'http://192.168.1.20:11434'
    service.setNumCtx(H, 'llama3', asNumCtx(8192))
    service.setNumCtx(other, 'llama3', asNumCtx(2048))
    expect(service.getNumCtx(H, 'llama3')).toBe(8192)
    expect(service.getNumCtx(other, 'llama3')).toBe(2048)
    expect(service.get(other).modelOptions).toEqual({ 'llama3:latest': { numCtx: 2048 } })
  })
})

describe('hosts', () => {
  it('adds, names, changes, activates and removes hosts; an address is listed once', () => {
    const work = service.saveHost({ url: '192.168.1.20', name: ' Work GPU ', headerNames: ['Authorization'] })
    expect(work).toMatchObject({ url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: ['Authorization'] })
    expect(failureCode(() => service.saveHost({ url: 'http://192.168.1.20:11434' }))).toBe(
      'INVALID_INPUT: http://192.168.1.20:11434 is already in the list.',
    )
    expect(failureCode(() => service.saveHost({ url: 'ftp://x' }))).toMatch(/^INVALID_INPUT: /)
    expect(service.saveHost({ id: work.id, url: '192.168.1.21' })).toMatchObject({
      id: work.id,
      url: 'http://192.168.1.21:11434',
      name: 'Work GPU',
      headerNames: ['Authorization'],
    })
    expect(service.update({ activeHostId: work.id }, H)).toMatchObject({
      activeHostId: work.id,
      ollamaHost: 'http://192.168.1.21:11434',
    })
    expect(open().activeHost()?.id).toBe(work.id)
    expect(service.removeHost(work.id)).toBe(true)
    expect(service.get(H)).toMatchObject({ hosts: [], activeHostId: null, ollamaHost: null })
    expect(service.removeHost(work.id)).toBe(false)
  })

  it('makes a typed address the active host, reusing a listed one', () => {
    const listed = service.saveHost({ url: '10.0.0.2', name: 'Lab' })
    expect(service.update({ ollamaHost: 'http://10.0.0.2:11434' }, H)).toMatchObject({
      activeHostId: listed.id,
      hosts: [listed],
    })
    expect(service.update({ ollamaHost: null }, H)).toMatchObject({ activeHostId: null, hosts: [listed] })
  })

  it('moves what older versions stored: the single host, options without a host, temporary-model records', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    const record = {
      host: H,
      path: 'ollmchat-temp/llama3-oc8192',
      baseModel: 'llama3:latest',
      baseDigest: 'd',
      numCtx: 8192,
      createdAt: 'x',
    }
    store.set('ollamaHost', 'http://10.0.0.9:11434')
    store.set('modelOptions', { 'llama3:latest': { numCtx: 4096 } })
    // An entry from before records knew their host is not imported.
    store.set('tempModels', { [`${H} ${record.path}`]: record, old: { ...record, host: undefined } })
    const imported: unknown[] = []
    const migrated = open()
    migrated.migrateLegacy(
      (hostSetting) => hostSetting ?? H,
      (records) => imported.push(...records),
    )
    expect(migrated.get(H)).toMatchObject({
      ollamaHost: 'http://10.0.0.9:11434',
      hosts: [{ url: 'http://10.0.0.9:11434' }],
    })
    expect(migrated.getNumCtx('http://10.0.0.9:11434', 'llama3')).toBe(4096)
    expect(imported).toEqual([record])
    expect(fileJson()).not.toHaveProperty('tempModels')
    expect(fileJson()).not.toHaveProperty('modelOptions')
    // Once: a second start changes nothing.
    open().migrateLegacy(
      () => H,
      (records) => imported.push(...records),
    )
    expect(imported).toHaveLength(1)
  })

  it('says so in the log when the single host of an older version is not an address, and uses the default', () => {
    openFileSettingsStore(dir, { log: silentLogger }).set('ollamaHost', 'http://host:99999')
    const log = createMemoryLogger()
    const migrated = open({ log })
    migrated.migrateLegacy(
      () => H,
      () => {},
    )
    expect(migrated.get(H)).toMatchObject({ ollamaHost: null, hosts: [], activeHostId: null })
    expect(fileJson()).not.toHaveProperty('ollamaHost')
    expect(log.lines).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(/older version is not a valid address/) as unknown,
        fields: { reason: expect.stringMatching(/port from 1 to 65535/) as unknown },
      },
    ])
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
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    counted.setNumCtx(H, 'a', asNumCtx(2048))
    reads.length = 0
    const numCtxOf = counted.numCtxLookup(H)
    expect(['a', 'A:latest', 'b', 'c'].map(numCtxOf)).toEqual([2048, 2048, null, null])
    expect(reads).toEqual(['hostModelOptions'])
  })

  it('reads each setting once per update and returns the merged result', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    expect(counted.update({ theme: 'dark', defaultModel: 'qwen3:8b' }, H)).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      defaultModel: 'qwen3:8b',
    })
    expect(new Set(reads)).toEqual(
      new Set([
        'activeHostId',
        'defaultModel',
        'hostModelOptions',
        'hosts',
        'lastConversationId',
        'notifyTempModelCreated',
        'replyIdleMinutes',
        'systemPromptPresets',
        'tempModelLimit',
        'theme',
      ]),
    )
    expect(counted.get(H)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', defaultModel: 'qwen3:8b' })
  })

  it('reads only replyIdleMinutes for a reply start, with the value and default of the whole settings', () => {
    const { store, reads } = countingStore()
    const counted = createSettingsService(store, { modelKey, log: silentLogger })
    expect(counted.replyIdleMinutes()).toBe(5)
    counted.update({ replyIdleMinutes: 7 }, H)
    reads.length = 0
    expect(counted.replyIdleMinutes()).toBe(7)
    expect(reads).toEqual(['replyIdleMinutes'])
  })
})

describe('a corrupt file under the service', () => {
  it('keeps working with what could be saved from the file', () => {
    service.update({ theme: 'dark', defaultModel: 'qwen3:8b' }, H)
    service.setNumCtx(H, 'llama3', asNumCtx(8192))
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...fileJson(), theme: 42 }))
    expect(service.get(H)).toEqual({
      ...DEFAULT_SETTINGS,
      defaultModel: 'qwen3:8b',
      modelOptions: { 'llama3:latest': { numCtx: 8192 } },
    })
    expect(open().get(H).defaultModel).toBe('qwen3:8b')
  })
})

describe('the time a reply may go silent', () => {
  it('is five minutes until changed, takes whole minutes from 1 to 60 and reads a damaged value as the default', () => {
    expect(service.get(H).replyIdleMinutes).toBe(5)
    expect(service.update({ replyIdleMinutes: 12 }, H).replyIdleMinutes).toBe(12)
    for (const minutes of [0, 61, 1.5]) {
      expect(() => service.update({ replyIdleMinutes: minutes }, H)).toThrow(
        'The time to wait for Ollama must be a whole number of minutes from 1 to 60.',
      )
    }
    expect(service.get(H).replyIdleMinutes).toBe(12)
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...fileJson(), replyIdleMinutes: 'soon' }))
    expect(open().get(H).replyIdleMinutes).toBe(5)
  })
})
