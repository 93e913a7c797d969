import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ElectronStore from 'electron-store'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../core/log'
import { openFileSettingsStore } from '../core/settings/file-settings-store'
import { openRecoveringSettingsStore } from '../core/settings/settings-recovery'
import { SETTINGS_STORE_OPTIONS, type StoredSettings } from '../core/settings/settings-schema'

// electron-store imports electron at its top; outside Electron that import would end the process.
vi.mock('electron', () => ({ default: {} }))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ollmchat-estore-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('SETTINGS_STORE_OPTIONS in electron-store (what the desktop shell builds)', () => {
  it('uses the same settings.json as the conf store, in both directions', () => {
    const electronStore = new ElectronStore<StoredSettings>({ ...SETTINGS_STORE_OPTIONS, cwd: dir })
    expect(electronStore.path).toBe(join(dir, 'settings.json'))
    electronStore.set('theme', 'dark')
    electronStore.set('modelOptions', { 'llama3.2:latest': { numCtx: 4096 } })

    const fileStore = openFileSettingsStore(dir, { log: silentLogger })
    expect(fileStore.get('theme')).toBe('dark')
    expect(fileStore.get('modelOptions')).toEqual({ 'llama3.2:latest': { numCtx: 4096 } })
    fileStore.set('defaultModel', 'qwen3:8b')
    expect(electronStore.get('defaultModel')).toBe('qwen3:8b')
  })

  it('is repaired the same way when wrapped by openRecoveringSettingsStore', () => {
    const file = join(dir, 'settings.json')
    writeFileSync(file, JSON.stringify({ theme: 'sepia', defaultModel: 'kept:latest' }))
    expect(() => new ElectronStore<StoredSettings>({ ...SETTINGS_STORE_OPTIONS, cwd: dir })).toThrow(
      /Config schema violation/,
    )

    const store = openRecoveringSettingsStore({
      file,
      log: silentLogger,
      open: () => new ElectronStore<StoredSettings>({ ...SETTINGS_STORE_OPTIONS, cwd: dir }),
    })
    expect(store.get('theme')).toBe('system')
    expect(store.get('defaultModel')).toBe('kept:latest')
    expect((JSON.parse(readFileSync(file, 'utf8')) as StoredSettings).defaultModel).toBe('kept:latest')
  })
})
