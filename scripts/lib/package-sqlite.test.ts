import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronSqliteBindingPath } from '../../src-main/electron/electron-sqlite-location.mjs'
import { chooseSqliteBuild } from './package-sqlite.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-package-sqlite-'))
  dirs.push(dir)
  return dir
}

describe('chooseSqliteBuild', () => {
  it('ships the Node build, saying why, when no Electron build exists', () => {
    const choice = chooseSqliteBuild(tempDir(), '145')
    expect(choice.build).toBe('node')
    expect(choice.build === 'node' && choice.reason).toContain('no Electron-ABI build')
  })

  it('uses the Electron build only when it declares Electron’s ABI', () => {
    const root = tempDir()
    const binding = electronSqliteBindingPath(root)
    mkdirSync(dirname(binding), { recursive: true })
    writeFileSync(binding, 'ELF…node_register_module_v115\0')
    const nodeAbi = chooseSqliteBuild(root, '145')
    expect(nodeAbi.build === 'node' && nodeAbi.reason).toContain("does not declare Electron's module ABI 145")
    writeFileSync(binding, 'ELF…node_register_module_v145\0')
    expect(chooseSqliteBuild(root, '145')).toEqual({ build: 'electron', binding })
  })

  it('ships the Node build when the package is for another platform than the Electron build', () => {
    const root = tempDir()
    const binding = electronSqliteBindingPath(root)
    mkdirSync(dirname(binding), { recursive: true })
    writeFileSync(binding, 'ELF…node_register_module_v145\0')
    const other = process.platform === 'linux' ? 'win32' : 'linux'
    const choice = chooseSqliteBuild(root, '145', { platform: other, arch: process.arch })
    expect(choice.build === 'node' && choice.reason).toContain(`but the package is for ${other}-${process.arch}`)
  })
})
