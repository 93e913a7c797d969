import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { checkProjectRules } from './builder-rules.mjs'
import { REQUIRED_FUSES } from './fuse-rules.mjs'
import { encodeIcns, encodeIco, icnsPngSize, pngHead } from './icon-formats.mjs'
import { ICNS_TYPES, ICO_SIZES, LINUX_ICON_SIZES, linuxIconName } from './icon-set.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A project whose icons are complete, unless `linuxSizes`, `ico` or `icns` say otherwise. */
function project({
  main = 'out/main/main.js',
  linuxSizes = [...LINUX_ICON_SIZES],
  ico,
  icns,
}: { main?: string; linuxSizes?: number[]; ico?: Buffer; icns?: Buffer } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-builder-'))
  roots.push(root)
  mkdirSync(join(root, 'assets', 'icons'), { recursive: true })
  for (const size of linuxSizes) writeFileSync(join(root, 'assets', 'icons', linuxIconName(size)), pngHead(size))
  writeFileSync(join(root, 'assets', 'icon.ico'), ico ?? encodeIco(ICO_SIZES.map((size) => pngHead(size))))
  writeFileSync(
    join(root, 'assets', 'icon.icns'),
    icns ?? encodeIcns(ICNS_TYPES.map((type) => ({ type, png: pngHead(icnsPngSize(type)) }))),
  )
  writeFileSync(join(root, 'package.json'), JSON.stringify({ main }))
  return root
}

const good = {
  appId: 'dev.ollmchat.app',
  files: [{ filter: ['out/**', 'package.json'] }],
  asarUnpack: ['**/*.node'],
  electronFuses: { ...REQUIRED_FUSES },
  linux: { icon: 'assets/icons' },
  mac: { icon: 'assets/icon.icns' },
  win: { icon: 'assets/icon.ico' },
}

describe('checkProjectRules', () => {
  it('accepts the intended configuration', () => {
    expect(checkProjectRules(good, project())).toEqual([])
    expect(checkProjectRules({ ...good, files: ['out/**', 'package.json'] }, project())).toEqual([])
  })

  it('requires every fuse at its safe value', () => {
    const root = project()
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
    expect(checkProjectRules({ ...good, npmRebuild: false }, project())).toEqual([
      expect.stringContaining('npmRebuild'),
    ])
  })

  it('requires the built app, package.json and unpacked native modules', () => {
    const problems = checkProjectRules({ ...good, files: [{ filter: ['dist/**'] }], asarUnpack: [] }, project())
    expect(problems).toEqual([
      expect.stringContaining('out/**'),
      expect.stringContaining('package.json'),
      expect.stringContaining('asarUnpack'),
    ])
  })

  it('requires package.json main to be inside the packaged files', () => {
    expect(checkProjectRules(good, project({ main: 'src-main/electron/main.ts' }))).toEqual([
      expect.stringContaining('"main"'),
    ])
  })

  it('requires every platform icon in its format with every size', () => {
    expect(checkProjectRules(good, project({ linuxSizes: [16, 32, 512] }))).toEqual([
      expect.stringContaining('24x24.png is missing'),
      expect.stringContaining('48x48.png is missing'),
      expect.stringContaining('64x64.png is missing'),
      expect.stringContaining('128x128.png is missing'),
      expect.stringContaining('256x256.png is missing'),
    ])
    expect(checkProjectRules(good, project({ ico: encodeIco([pngHead(16)]) }))).toEqual(
      ICO_SIZES.slice(1).map((size) => `win.icon (assets/icon.ico) has no ${size}×${size} image`),
    )
    expect(checkProjectRules(good, project({ icns: pngHead(512) }))).toEqual([
      expect.stringContaining('not an .icns file'),
    ])
    expect(checkProjectRules({ ...good, linux: { icon: 'assets/icon.ico' } }, project())).toEqual([
      expect.stringContaining('must be a folder'),
    ])
    expect(checkProjectRules({ ...good, win: {} }, project())).toEqual(['win.icon is missing'])
  })
})

describe('the repository', () => {
  it('passes scripts/check-builder-config.mjs (schema and project rules)', () => {
    const result = spawnSync(process.execPath, [join(repo, 'scripts', 'check-builder-config.mjs')], {
      cwd: repo,
      encoding: 'utf8',
    })
    expect(result.stderr).not.toContain('INVALID')
    expect(result.stdout).toContain('electron-builder config OK: dev.ollmchat.app')
    expect(result.status).toBe(0)
  })
})
