import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { checkProjectRules, pngSize } from './builder-rules.mjs'
import { REQUIRED_FUSES } from './fuse-rules.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A PNG header claiming `width`×`height` (enough for the size check). */
function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(24)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0)
  header.writeUInt32BE(13, 8)
  header.write('IHDR', 12, 'latin1')
  header.writeUInt32BE(width, 16)
  header.writeUInt32BE(height, 20)
  return header
}

function project(icon: Buffer, main = 'out/main/main.js'): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-builder-'))
  roots.push(root)
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'assets', 'icon.png'), icon)
  writeFileSync(join(root, 'package.json'), JSON.stringify({ main }))
  return root
}

const good = {
  appId: 'dev.ollmchat.app',
  files: [{ filter: ['out/**', 'package.json'] }],
  asarUnpack: ['**/*.node'],
  electronFuses: { ...REQUIRED_FUSES },
  linux: { icon: 'assets/icon.png' },
  mac: { icon: 'assets/icon.png' },
  win: { icon: 'assets/icon.png' },
}

describe('checkProjectRules', () => {
  it('accepts the intended configuration', () => {
    expect(checkProjectRules(good, project(pngHeader(512, 512)))).toEqual([])
    expect(checkProjectRules({ ...good, files: ['out/**', 'package.json'] }, project(pngHeader(1024, 1024)))).toEqual([])
  })

  it('requires every fuse at its safe value', () => {
    const root = project(pngHeader(512, 512))
    const { electronFuses: _fuses, ...withoutFuses } = good
    expect(checkProjectRules(withoutFuses, root)).toEqual([expect.stringContaining('electronFuses is missing')])
    expect(checkProjectRules({ ...good, electronFuses: { ...REQUIRED_FUSES, runAsNode: true } }, root)).toEqual([
      'electronFuses.runAsNode must be false (it is true)',
    ])
    const { onlyLoadAppFromAsar: _asar, ...missingOne } = REQUIRED_FUSES
    expect(checkProjectRules({ ...good, electronFuses: missingOne }, root)).toEqual([
      'electronFuses.onlyLoadAppFromAsar must be true (it is undefined)',
    ])
  })

  it('refuses npmRebuild: false', () => {
    expect(checkProjectRules({ ...good, npmRebuild: false }, project(pngHeader(512, 512)))).toEqual([
      expect.stringContaining('npmRebuild'),
    ])
  })

  it('requires the built app, package.json and unpacked native modules', () => {
    const problems = checkProjectRules({ ...good, files: [{ filter: ['dist/**'] }], asarUnpack: [] }, project(pngHeader(512, 512)))
    expect(problems).toEqual([
      expect.stringContaining('out/**'),
      expect.stringContaining('package.json'),
      expect.stringContaining('asarUnpack'),
    ])
  })

  it('requires package.json main to be inside the packaged files', () => {
    expect(checkProjectRules(good, project(pngHeader(512, 512), 'src-main/electron/main.ts'))).toEqual([
      expect.stringContaining('"main"'),
    ])
  })

  it('requires a square PNG icon of at least 512 pixels for every platform', () => {
    expect(checkProjectRules(good, project(pngHeader(256, 256)))).toHaveLength(3)
    expect(checkProjectRules(good, project(Buffer.from('<svg/>')))).toEqual([
      expect.stringContaining('linux.icon'),
      expect.stringContaining('mac.icon'),
      expect.stringContaining('win.icon'),
    ])
    expect(checkProjectRules({ ...good, win: {} }, project(pngHeader(512, 512)))).toEqual(['win.icon is missing'])
  })
})

describe('the repository', () => {
  it('ships a 512×512 icon rendered from its SVG source', () => {
    expect(pngSize(readFileSync(join(repo, 'assets', 'icon.png')))).toEqual({ width: 512, height: 512 })
    expect(readFileSync(join(repo, 'assets', 'icon.svg'), 'utf8')).toContain('viewBox="0 0 512 512"')
  })

  it('passes scripts/check-builder-config.mjs (schema and project rules)', () => {
    const result = spawnSync(process.execPath, [join(repo, 'scripts', 'check-builder-config.mjs')], { cwd: repo, encoding: 'utf8' })
    expect(result.stderr).not.toContain('INVALID')
    expect(result.stdout).toContain('electron-builder config OK: dev.ollmchat.app')
    expect(result.status).toBe(0)
  })
})
