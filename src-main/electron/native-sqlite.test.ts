import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { electronSqliteBindingPath, sqliteBindingForElectron } from './native-sqlite'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function appRoot(withBinding: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-native-'))
  roots.push(root)
  if (withBinding) {
    const binding = electronSqliteBindingPath(root)
    mkdirSync(dirname(binding), { recursive: true })
    writeFileSync(binding, 'not really a binary')
  }
  return root
}

describe('sqliteBindingForElectron', () => {
  it('points an unpackaged app at the Electron build kept apart from the Node build', () => {
    const root = appRoot(true)
    const binding = sqliteBindingForElectron({ isPackaged: false, appRoot: root })
    expect(binding).toBe(
      join(root, 'node_modules/.ollmchat/electron-sqlite/better-sqlite3/build/Release/better_sqlite3.node'),
    )
    expect(binding).not.toBe(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))
  })

  it('leaves a packaged app on its own (already rebuilt) module', () => {
    const root = appRoot(true)
    expect(sqliteBindingForElectron({ isPackaged: true, appRoot: root })).toBeUndefined()
  })

  it('returns undefined with a warning that says how to fix it when the Electron build is missing', () => {
    const log = createMemoryLogger()
    expect(sqliteBindingForElectron({ isPackaged: false, appRoot: appRoot(false), log })).toBeUndefined()
    expect(log.lines).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('npm run postinstall') as unknown }),
    ])
  })
})
