import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseV1Options, flipFuses, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import { afterEach, describe, expect, it } from 'vitest'
import { REQUIRED_FUSES } from './fuse-rules.mjs'
import {
  archiveEntries,
  decodeFuseWire,
  inspectPackage,
  nodeModuleAbi,
  packageOf,
  packageSizes,
  SQLITE_BINDING,
  type PackageFacts,
} from './package-rules.mjs'
import { standInExecutable } from './stand-in-electron.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const file = (path: string, size = 10, unpacked = false) => ({ path, size, unpacked })

function goodPackage(): PackageFacts {
  return {
    entries: [
      file('package.json'),
      file('out/main/main.js', 400),
      file('out/preload/preload.cjs'),
      file('out/renderer/index.html'),
      file('node_modules/zod/index.js'),
      file('node_modules/@pinojs/redact/index.js'),
      file(SQLITE_BINDING, 2000, true),
    ],
    main: 'out/main/main.js',
    devOnlyPackages: new Set(['react', 'vite', 'vitest']),
    lockedPackages: new Set(['react', 'vite', 'vitest', 'zod', '@pinojs/redact', 'better-sqlite3']),
    sqliteAbi: '145',
    sqliteBuild: { build: 'electron' },
    electronAbi: '145',
    nodeAbi: '115',
    fuses: { ...REQUIRED_FUSES },
  }
}

const withEntries = (...extra: ReturnType<typeof file>[]) => {
  const facts = goodPackage()
  return { ...facts, entries: [...facts.entries, ...extra] }
}

describe('inspectPackage', () => {
  it('accepts a package that keeps every rule', () => {
    expect(inspectPackage(goodPackage())).toEqual({ problems: [], notes: [] })
  })

  it('requires the main entry, the preload script and the renderer', () => {
    const facts = goodPackage()
    const entries = facts.entries.filter((entry) => !entry.path.startsWith('out/'))
    expect(inspectPackage({ ...facts, entries }).problems).toEqual([
      expect.stringContaining('out/main/main.js'),
      expect.stringContaining('preload'),
      expect.stringContaining('renderer'),
    ])
  })

  it('refuses development-only and unknown dependencies', () => {
    expect(
      inspectPackage(withEntries(file('node_modules/react/index.js'), file('node_modules/zod/node_modules/vite/x.js')))
        .problems,
    ).toEqual([
      'react is a development-only dependency, yet it is in the package.',
      'vite is a development-only dependency, yet it is in the package.',
    ])
    expect(inspectPackage(withEntries(file('node_modules/left-pad/index.js'))).problems).toEqual([
      expect.stringContaining('not in package-lock.json'),
    ])
  })

  it.each([
    ['out/main/main.js.map', 'source map'],
    ['node_modules/zod/index.test.js', 'test file'],
    ['node_modules/@pinojs/redact/index.test-d.ts', 'test file'],
    ['node_modules/zod/src/tests/a.js', 'test folder'],
    ['out/main/test-support/x.js', 'test folder'],
    ['out/serve/cli.js', 'simulator'],
    ['out/main/ollama-sim.js', 'simulator'],
  ])('refuses %s (%s)', (path, what) => {
    expect(inspectPackage(withEntries(file(path))).problems).toEqual([expect.stringContaining(what)])
  })

  it('requires native modules unpacked', () => {
    const facts = goodPackage()
    const entries = facts.entries.map((entry) =>
      entry.path === SQLITE_BINDING ? { ...entry, unpacked: false } : entry,
    )
    expect(inspectPackage({ ...facts, entries }).problems).toEqual([expect.stringContaining('inside app.asar')])
    expect(
      inspectPackage({ ...facts, entries: facts.entries.filter((entry) => entry.path !== SQLITE_BINDING) }).problems,
    ).toEqual([expect.stringContaining('is not in the package')])
  })

  it('requires the Electron build of better-sqlite3 to declare Electron’s ABI', () => {
    expect(inspectPackage({ ...goodPackage(), sqliteAbi: '115' }).problems).toEqual([
      'better-sqlite3 is built for module ABI 115, but Electron needs 145; the app could not open its history.',
    ])
    expect(inspectPackage({ ...goodPackage(), sqliteAbi: undefined }).problems).toEqual([
      expect.stringContaining('declares no module ABI'),
    ])
  })

  it('reports a Node build shipped for want of an Electron one as a note with its reason, and checks it is that build', () => {
    const facts = {
      ...goodPackage(),
      sqliteAbi: '115',
      sqliteBuild: { build: 'node' as const, reason: 'no headers here' },
    }
    expect(inspectPackage(facts)).toEqual({ problems: [], notes: [expect.stringContaining('no headers here')] })
    expect(inspectPackage({ ...facts, sqliteAbi: '99' }).problems).toEqual([expect.stringContaining('declares ABI 99')])
  })

  it('requires every fuse at its safe value in the executable', () => {
    expect(inspectPackage({ ...goodPackage(), fuses: { ...REQUIRED_FUSES, runAsNode: true } }).problems).toEqual([
      'The fuse runAsNode is on in the executable; it must be off.',
    ])
    expect(
      inspectPackage({ ...goodPackage(), fuses: { ...REQUIRED_FUSES, onlyLoadAppFromAsar: undefined } }).problems,
    ).toEqual(['The fuse onlyLoadAppFromAsar is not set in the executable; it must be on.'])
    expect(inspectPackage({ ...goodPackage(), fuses: undefined }).problems).toEqual([
      expect.stringContaining('no fuse wire'),
    ])
  })
})

describe('reading a package', () => {
  it('finds the module ABI in a native addon', () => {
    expect(nodeModuleAbi(Buffer.from('\0\0node_register_module_v145\0more', 'latin1'))).toBe('145')
    expect(nodeModuleAbi(Buffer.from('napi_register_module_v1\0', 'latin1'))).toBeUndefined()
  })

  it('names the innermost package of a path', () => {
    expect(packageOf('node_modules/a/node_modules/@s/b/index.js')).toBe('@s/b')
    expect(packageOf('out/main/main.js')).toBeUndefined()
  })

  it('adds up packed and unpacked sizes and lists the largest files', () => {
    const sizes = packageSizes(goodPackage().entries, 2)
    expect(sizes).toEqual({
      packed: 450,
      unpacked: 2000,
      largest: [file(SQLITE_BINDING, 2000, true), file('out/main/main.js', 400)],
    })
  })

  it('reads the fuses @electron/fuses flipped in the stand-in executable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-fuses-'))
    dirs.push(dir)
    const executable = join(dir, 'ollmchat')
    writeFileSync(executable, standInExecutable())
    const before = decodeFuseWire(await getCurrentFuseWire(executable), FuseV1Options)
    expect(before).toMatchObject({
      runAsNode: true,
      enableCookieEncryption: false,
      onlyLoadAppFromAsar: false,
      grantFileProtocolExtraPrivileges: true,
    })
    await flipFuses(executable, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
    expect(decodeFuseWire(await getCurrentFuseWire(executable), FuseV1Options)).toEqual(REQUIRED_FUSES)
  })
})

describe('archiveEntries', () => {
  it('lists the files of an asar header, measuring unpacked ones on disk when they are there', () => {
    const header = {
      files: {
        'package.json': { size: 3, integrity: {} },
        node_modules: {
          files: {
            'better-sqlite3': {
              files: { 'sqlite.node': { size: 100, unpacked: true }, 'gone.node': { size: 7, unpacked: true } },
            },
            alias: { link: 'node_modules/better-sqlite3' },
          },
        },
      },
    }
    const onDisk = (path: string) => (path === 'node_modules/better-sqlite3/sqlite.node' ? 250 : undefined)
    expect(archiveEntries(header, onDisk)).toEqual([
      file('package.json', 3),
      file('node_modules/better-sqlite3/sqlite.node', 250, true),
      file('node_modules/better-sqlite3/gone.node', 7, true),
    ])
  })
})
