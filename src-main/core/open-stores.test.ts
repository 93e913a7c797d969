import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KeyValueStore } from './core-types'
import { silentLogger } from './log'
import { openStores } from './open-stores'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-open-stores-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

/** A settings file in a folder ollmchat may not write: reads work, every write throws as `conf` does. */
function readOnlySettings(): KeyValueStore {
  const refuse = () => {
    throw Object.assign(new Error(`EACCES: permission denied, open '${join(dataDir, 'config.json')}'`), {
      code: 'EACCES',
    })
  }
  return { get: () => undefined, set: refuse, delete: refuse }
}

const deps = (settings: KeyValueStore) => ({
  dataDir,
  settings,
  mode: 'browser' as const,
  version: '0.0.0-test',
  env: {},
})

describe('opening the stores', () => {
  it('closes the history when a later start-up step throws, at every retry, so no connection is left holding it', () => {
    // SQLite deletes a WAL database's -wal when its last connection closes (after checkpointing it), so a -wal still
    // there after the failure means a connection was left open.
    const wal = join(dataDir, 'history.sqlite-wal')
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect(() => openStores(deps(readOnlySettings()), silentLogger), `attempt ${attempt}`).toThrow(
        /EACCES: permission denied/,
      )
      expect(existsSync(wal), `attempt ${attempt}`).toBe(false)
    }

    // Once the settings can be written again, the stores open on the same file.
    const values = new Map<string, unknown>()
    const stores = openStores(
      deps({
        get: (key) => values.get(key),
        set: (key, value) => values.set(key, value),
        delete: (key) => values.delete(key),
      }),
      silentLogger,
    )
    expect(existsSync(wal)).toBe(true)
    stores.history.close()
  })
})
