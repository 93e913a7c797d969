import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import electronBuilder from 'electron-builder'
import { afterEach, describe, expect, it } from 'vitest'
import { electronSqliteBindingPath } from '../src-main/electron/electron-sqlite-location.mjs'
import afterPack from './after-pack-sqlite.mjs'
import { SQLITE_CHOICE_FILE } from './lib/package-sqlite.mjs'
import { SQLITE_BINDING } from './lib/package-rules.mjs'

const NODE_BUILD = 'ELF node build node_register_module_v115\0'
const ELECTRON_BUILD = 'ELF electron build node_register_module_v145\0'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * A project as `npm run package:dir` sees it, and the package electron-builder laid out from it (its node_modules'
 * better-sqlite3 copied unpacked), with or without the Electron build `npm install` makes where it can.
 */
function laidOutPackage({ electronBuild }: { electronBuild: boolean }) {
  const projectDir = mkdtempSync(join(tmpdir(), 'ollmchat-after-pack-'))
  dirs.push(projectDir)
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  write(join(projectDir, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '41.7.1' }))
  write(join(projectDir, 'node_modules', 'electron', 'abi_version'), '145\n')
  write(join(projectDir, SQLITE_BINDING), NODE_BUILD)
  if (electronBuild) write(electronSqliteBindingPath(projectDir), ELECTRON_BUILD)
  const outDir = join(projectDir, 'dist')
  const appOutDir = join(outDir, 'linux-unpacked')
  const packaged = join(appOutDir, 'resources', 'app.asar.unpacked', SQLITE_BINDING)
  mkdirSync(dirname(packaged), { recursive: true })
  cpSync(join(projectDir, SQLITE_BINDING), packaged)
  const context = {
    appOutDir,
    outDir,
    arch: electronBuilder.Arch[process.arch as 'x64'],
    electronPlatformName: process.platform,
    packager: { projectDir, getResourcesDir: (dir: string) => join(dir, 'resources') },
  }
  return { projectDir, outDir, packaged, context }
}

/** One hash over every file's path and bytes under `dir`. */
function treeHash(dir: string): string {
  const hash = createHash('sha256')
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) visit(path)
      else hash.update(`${relative(dir, path)}\0`).update(readFileSync(path))
    }
  }
  visit(dir)
  return hash.digest('hex')
}

const recordedChoice = (outDir: string): unknown => JSON.parse(readFileSync(join(outDir, SQLITE_CHOICE_FILE), 'utf8'))

describe('the afterPack hook of npm run package:dir', () => {
  it('puts the Electron build into the package and leaves node_modules byte for byte as it was', async () => {
    const { projectDir, outDir, packaged, context } = laidOutPackage({ electronBuild: true })
    const before = treeHash(join(projectDir, 'node_modules'))
    await afterPack(context)
    expect(readFileSync(packaged, 'latin1')).toBe(ELECTRON_BUILD)
    expect(recordedChoice(outDir)).toEqual({ build: 'electron', binding: electronSqliteBindingPath(projectDir) })
    expect(treeHash(join(projectDir, 'node_modules'))).toBe(before)
  })

  it('leaves the Node build in the package and records why when there is no Electron build', async () => {
    const { projectDir, outDir, packaged, context } = laidOutPackage({ electronBuild: false })
    const before = treeHash(join(projectDir, 'node_modules'))
    await afterPack(context)
    expect(readFileSync(packaged, 'latin1')).toBe(NODE_BUILD)
    const choice = recordedChoice(outDir) as { build: string; reason?: string }
    expect(choice.build).toBe('node')
    expect(choice.reason).toContain('no Electron-ABI build of better-sqlite3 exists')
    expect(treeHash(join(projectDir, 'node_modules'))).toBe(before)
  })

  it('fails with a sentence when the package has no unpacked better-sqlite3 to replace', async () => {
    const { packaged, context } = laidOutPackage({ electronBuild: true })
    rmSync(packaged)
    await expect(afterPack(context)).rejects.toThrow('The package has no unpacked better-sqlite3 binary')
  })
})
