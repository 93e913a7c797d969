import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryLogger, silentLogger } from '../core/log'
import { createSettingsStore } from './settings-store'
import { WINDOW_STATE_KEY } from './window-state'

// electron-store reads `app` and `ipcMain` from electron at construction; the real module needs the binary.
vi.mock('electron', () => ({
  default: {
    app: { getPath: () => join(tmpdir(), 'ollmchat-unused-userdata'), getVersion: () => '0.0.0-test' },
    ipcMain: { on: () => {} },
    shell: {},
  },
}))

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-settings-'))
  dirs.push(dir)
  return dir
}

describe('createSettingsStore (electron-store)', () => {
  it('keeps settings.json in the given folder, starting from the shared defaults', () => {
    const dir = tempDir()
    const store = createSettingsStore({ dir, log: silentLogger })
    expect(store.get('theme')).toBe('system')
    store.set('theme', 'dark')
    const file = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>
    expect(file['theme']).toBe('dark')
  })

  it('stores the window state the shell saves, and deletes keys', () => {
    const dir = tempDir()
    const store = createSettingsStore({ dir, log: silentLogger })
    const state = { width: 1000, height: 700, x: 10, y: 20, maximized: false }
    store.set(WINDOW_STATE_KEY, state)
    expect(createSettingsStore({ dir, log: silentLogger }).get(WINDOW_STATE_KEY)).toEqual(state)
    store.delete(WINDOW_STATE_KEY)
    expect(store.get(WINDOW_STATE_KEY)).toBeUndefined()
  })

  it('treats dotted keys as whole names (model names contain dots)', () => {
    const store = createSettingsStore({ dir: tempDir(), log: silentLogger })
    store.set('modelOptions', { 'llama3.2:latest': { numCtx: 8192 } })
    expect(store.get('modelOptions')).toEqual({ 'llama3.2:latest': { numCtx: 8192 } })
  })

  it('repairs a broken file instead of failing to start, keeping a backup', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), '{ "theme": "dark", ')
    const log = createMemoryLogger()
    const store = createSettingsStore({ dir, log })
    expect(store.get('theme')).toBe('system')
    expect(readdirSync(dir).filter((name) => name !== 'settings.json').length).toBeGreaterThan(0)
    expect(existsSync(join(dir, 'settings.json'))).toBe(true)
    expect(log.lines.some((line) => line.level === 'warn')).toBe(true)
  })
})
