import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger, silentLogger } from '../log'
import { openFileSettingsStore } from './file-settings-store'
import { SettingsWriteError, type SettingsRepair } from './settings-recovery'
import { SETTINGS_DEFAULTS } from './settings-schema'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-settings-'))
  file = join(dir, 'settings.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const readJson = (path = file) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
const backups = () => readdirSync(dir).filter((name) => name.startsWith('settings.invalid-'))
const record = {
  path: 'ollmchat-temp/llama3-oc8192',
  baseModel: 'llama3:latest',
  baseDigest: 'sha256:abc',
  numCtx: 8192,
  createdAt: '2025-01-01T00:00:00.000Z',
}

function openWithRepairs() {
  const repairs: SettingsRepair[] = []
  const log = createMemoryLogger()
  const store = openFileSettingsStore(dir, {
    log,
    onRepair: (repair) => repairs.push(repair),
    now: () => new Date('2025-05-06T07:08:09.010Z'),
  })
  return { store, repairs, log }
}

describe('openFileSettingsStore', () => {
  it('writes the defaults to settings.json in the given folder', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    expect(readJson()).toEqual(SETTINGS_DEFAULTS)
    expect(store.get('theme')).toBe('system')
    expect(store.get('window')).toBeUndefined()
  })

  it('sets, reads back across reopen, and deletes', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    store.set('theme', 'dark')
    store.set('modelOptions', { 'llama3.2:latest': { numCtx: 16384 } })
    store.set('window', { width: 800, height: 600, maximized: false })
    const reopened = openFileSettingsStore(dir, { log: silentLogger })
    expect(reopened.get('theme')).toBe('dark')
    // Dots in model names are not paths: the whole name is one key.
    expect(reopened.get('modelOptions')).toEqual({ 'llama3.2:latest': { numCtx: 16384 } })
    reopened.delete('window')
    expect(readJson().window).toBeUndefined()
    reopened.set('defaultModel', undefined)
    expect(readJson()).not.toHaveProperty('defaultModel')
  })

  it('refuses a value the schema forbids with a clear error and leaves the file alone', () => {
    const store = openFileSettingsStore(dir, { log: silentLogger })
    const before = readFileSync(file, 'utf8')
    expect(() => store.set('theme', 'purple')).toThrow(SettingsWriteError)
    expect(() => store.set('theme', 'purple')).toThrow(
      'Setting "theme" was not saved: `theme` must be equal to one of the allowed values.',
    )
    expect(() => store.set('modelOptions', { llama3: { numCtx: 1.5 } })).toThrow(
      /Setting "modelOptions" was not saved: .*must be integer/,
    )
    expect(() => store.set('tempModels', { x: { path: 'x' } })).toThrow(/must have required property/)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('keeps unknown keys and unknown option fields (a newer ollmchat may have written them)', () => {
    writeFileSync(
      file,
      JSON.stringify({ theme: 'light', fontSize: 14, modelOptions: { a: { numCtx: 4096, temperature: 0.2 } } }),
    )
    const { store, repairs } = openWithRepairs()
    expect(repairs).toEqual([])
    expect(store.get('fontSize')).toBe(14)
    expect(store.get('modelOptions')).toEqual({ a: { numCtx: 4096, temperature: 0.2 } })
    expect(store.get('activeHostId')).toBeNull()
  })
})

describe('a broken settings file', () => {
  it('that is not JSON is kept as a backup and replaced by the defaults, with a warning', () => {
    writeFileSync(file, '{"theme": "dark", ')
    const { store, repairs, log } = openWithRepairs()
    expect(store.get('theme')).toBe('system')
    expect(backups()).toEqual(['settings.invalid-2025-05-06T07-08-09-010Z.json'])
    expect(readFileSync(join(dir, backups()[0] ?? ''), 'utf8')).toBe('{"theme": "dark", ')
    expect(repairs).toEqual([
      { file, backup: join(dir, 'settings.invalid-2025-05-06T07-08-09-010Z.json'), dropped: ['*'] },
    ])
    expect(log.lines).toMatchObject([{ level: 'warn', fields: { backup: repairs[0]?.backup, dropped: ['*'] } }])
    expect(readJson()).toEqual(SETTINGS_DEFAULTS)
  })

  it('with one invalid value keeps every other setting', () => {
    const original = {
      ollamaHost: 'http://10.0.0.2:11434',
      theme: 'neon',
      defaultModel: 'qwen3:8b',
      lastConversationId: 42,
      modelOptions: {
        'llama3:latest': { numCtx: 8192 },
        'bad:latest': { numCtx: -1 },
        'mistral:latest': { numCtx: 32768 },
      },
      tempModels: { [record.path]: record, broken: { path: 'broken' } },
      window: { width: 1200, height: 800, maximized: true },
    }
    writeFileSync(file, JSON.stringify(original))
    const { store, repairs } = openWithRepairs()
    expect(repairs[0]?.dropped.sort()).toEqual([
      'lastConversationId',
      'modelOptions.bad:latest',
      'tempModels.broken',
      'theme',
    ])
    expect(store.get('theme')).toBe('system')
    expect(store.get('lastConversationId')).toBeNull()
    expect(store.get('ollamaHost')).toBe('http://10.0.0.2:11434')
    expect(store.get('defaultModel')).toBe('qwen3:8b')
    expect(store.get('modelOptions')).toEqual({
      'llama3:latest': { numCtx: 8192 },
      'mistral:latest': { numCtx: 32768 },
    })
    expect(store.get('tempModels')).toEqual({ [record.path]: record })
    expect(store.get('window')).toEqual(original.window)
    expect(readJson(join(dir, backups()[0] ?? ''))).toEqual(original)
  })

  it('that holds no object is replaced and backed up', () => {
    writeFileSync(file, '[1, 2, 3]')
    const { store, repairs } = openWithRepairs()
    expect(store.get('theme')).toBe('system')
    expect(repairs[0]?.dropped).toEqual(['*'])
    expect(backups()).toHaveLength(1)
  })

  it('edited by hand while the app runs is repaired at the next read or write', () => {
    const { store, repairs } = openWithRepairs()
    store.set('defaultModel', 'llama3:latest')
    writeFileSync(file, JSON.stringify({ ...readJson(), theme: 'blue' }))
    expect(store.get('defaultModel')).toBe('llama3:latest')
    expect(store.get('theme')).toBe('system')
    expect(repairs).toHaveLength(1)

    writeFileSync(file, 'garbage')
    store.set('theme', 'dark')
    expect(readJson()).toEqual({ ...SETTINGS_DEFAULTS, theme: 'dark' })
    expect(repairs).toHaveLength(2)
    expect(new Set(repairs.map((repair) => repair.backup)).size).toBe(2)
    expect(backups()).toHaveLength(2)
  })

  it('that cannot be read at all is an error, not a reset', () => {
    mkdirSync(file)
    expect(() => openFileSettingsStore(dir, { log: silentLogger })).toThrow(/EISDIR/)
    expect(backups()).toEqual([])
  })
})
