import { describe, expect, it } from 'vitest'
import { createMemoryLogger, silentLogger } from '../log'
import { openFileSettingsStore } from './file-settings-store'
import { asNumCtx } from '../../test-support/num-ctx'
import { failureCode, H, useSettingsService } from './test-fixtures/settings-service-fixture'

// The hosts, the per-model options each keeps, and what older versions stored about them.

const settings = useSettingsService()
const { open, fileJson } = settings

/** The per-model options stored for `H`, read from the file. */
const optionsInFile = () => (fileJson().hostModelOptions as Record<string, unknown>)[H]

describe('per-model options', () => {
  it('shares one option between spellings of a model name', () => {
    settings.service.setNumCtx(H, 'Llama3', asNumCtx(16384))
    expect(settings.service.getNumCtx(H, 'llama3:latest')).toBe(16384)
    expect(settings.service.getNumCtx(H, 'LLAMA3:Latest')).toBe(16384)
    expect(settings.service.getNumCtx(H, 'llama3:8b')).toBeNull()
    expect(settings.service.get(H).modelOptions).toEqual({ 'llama3:latest': { numCtx: 16384 } })
    expect(open().getNumCtx(H, 'llama3')).toBe(16384)
  })

  it('keeps models with dots in their names apart', () => {
    settings.service.setNumCtx(H, 'llama3.2', asNumCtx(4096))
    settings.service.setNumCtx(H, 'llama3', asNumCtx(8192))
    expect(optionsInFile()).toEqual({ 'llama3.2:latest': { numCtx: 4096 }, 'llama3:latest': { numCtx: 8192 } })
  })

  it('resets to the default with null, removing the entry but keeping other option fields', () => {
    settings.service.setNumCtx(H, 'a', asNumCtx(2048))
    settings.service.setNumCtx(H, 'b', asNumCtx(4096))
    settings.service.setNumCtx(H, 'a', null)
    expect(settings.service.getNumCtx(H, 'a')).toBeNull()
    expect(optionsInFile()).toEqual({ 'b:latest': { numCtx: 4096 } })

    const store = openFileSettingsStore(settings.dir, { log: silentLogger })
    store.set('hostModelOptions', { [H]: { 'c:latest': { numCtx: 1024, temperature: 0.3 } } })
    settings.service.setNumCtx(H, 'c', null)
    expect(optionsInFile()).toEqual({ 'c:latest': { temperature: 0.3 } })
    settings.service.setNumCtx(H, 'c', asNumCtx(512))
    expect(optionsInFile()).toEqual({ 'c:latest': { temperature: 0.3, numCtx: 512 } })
  })

  // What is not a context length cannot reach `setNumCtx`: a `NumCtx` is made by `parseNumCtx` only (its refusals
  // are in src-shared/num-ctx.test.ts), and the model's own bounds are judged where it enters (`models:setNumCtx`).
  it('stores a context length as it is given, without checking it against a model, and needs a model name', () => {
    expect(failureCode(() => settings.service.setNumCtx(H, '  ', asNumCtx(4096)))).toBe(
      'INVALID_INPUT: A model name is required.',
    )
    settings.service.setNumCtx(H, 'a', asNumCtx(1_048_576))
    expect(settings.service.getNumCtx(H, 'a')).toBe(1_048_576)
  })

  it('reads a stored context length with the one parser: one it refuses reads as not set', () => {
    const store = openFileSettingsStore(settings.dir, { log: silentLogger })
    store.set('hostModelOptions', {
      [H]: { 'a:latest': { numCtx: 3 }, 'b:latest': { numCtx: 4096 }, 'c:latest': { numCtx: 2_000_000 } },
    })
    expect(settings.service.getNumCtx(H, 'a')).toBeNull()
    expect(settings.service.getNumCtx(H, 'c')).toBeNull()
    expect(settings.service.get(H).modelOptions).toEqual({ 'b:latest': { numCtx: 4096 } })
  })
})

describe('per-host options', () => {
  it('keeps the options of one host from another', () => {
    const other = 'http://192.168.1.20:11434'
    settings.service.setNumCtx(H, 'llama3', asNumCtx(8192))
    settings.service.setNumCtx(other, 'llama3', asNumCtx(2048))
    expect(settings.service.getNumCtx(H, 'llama3')).toBe(8192)
    expect(settings.service.getNumCtx(other, 'llama3')).toBe(2048)
    expect(settings.service.get(other).modelOptions).toEqual({ 'llama3:latest': { numCtx: 2048 } })
  })
})

describe('hosts', () => {
  it('adds, names, changes, activates and removes hosts; an address is listed once', () => {
    const work = settings.service.saveHost({ url: '192.168.1.20', name: ' Work GPU ', headerNames: ['Authorization'] })
    expect(work).toMatchObject({ url: 'http://192.168.1.20:11434', name: 'Work GPU', headerNames: ['Authorization'] })
    expect(failureCode(() => settings.service.saveHost({ url: 'http://192.168.1.20:11434' }))).toBe(
      'INVALID_INPUT: http://192.168.1.20:11434 is already in the list.',
    )
    expect(failureCode(() => settings.service.saveHost({ url: 'ftp://x' }))).toMatch(/^INVALID_INPUT: /)
    expect(settings.service.saveHost({ id: work.id, url: '192.168.1.21' })).toMatchObject({
      id: work.id,
      url: 'http://192.168.1.21:11434',
      name: 'Work GPU',
      headerNames: ['Authorization'],
    })
    expect(settings.service.update({ activeHostId: work.id }, H)).toMatchObject({
      activeHostId: work.id,
      ollamaHost: 'http://192.168.1.21:11434',
    })
    expect(open().activeHost()?.id).toBe(work.id)
    expect(settings.service.removeHost(work.id)).toBe(true)
    expect(settings.service.get(H)).toMatchObject({ hosts: [], activeHostId: null, ollamaHost: null })
    expect(settings.service.removeHost(work.id)).toBe(false)
  })

  it('makes a typed address the active host, reusing a listed one', () => {
    const listed = settings.service.saveHost({ url: '10.0.0.2', name: 'Lab' })
    expect(settings.service.update({ ollamaHost: 'http://10.0.0.2:11434' }, H)).toMatchObject({
      activeHostId: listed.id,
      hosts: [listed],
    })
    expect(settings.service.update({ ollamaHost: null }, H)).toMatchObject({ activeHostId: null, hosts: [listed] })
  })

  it('moves what older versions stored: the single host, options without a host, temporary-model records', () => {
    const store = openFileSettingsStore(settings.dir, { log: silentLogger })
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
    openFileSettingsStore(settings.dir, { log: silentLogger }).set('ollamaHost', 'http://host:99999')
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
