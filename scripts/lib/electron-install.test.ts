import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { electronSqliteBindingPath as mainSideBindingPath } from '../../src-main/electron/native-sqlite'
import {
  electronBinaryInstalled,
  runPostinstall,
  shouldSkipElectronDownload,
  sqliteFailedLine,
  UNAVAILABLE_LINE,
} from './electron-install.mjs'
import { ELECTRON_SQLITE_DIR, electronSqliteBindingPath } from '../../src-main/electron/electron-sqlite-location.mjs'
import type { RunStep, StepOptions, StepResult } from './run-step.mjs'

const ABI = '145'
const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/** A project with electron (no binary yet) and a Node-built better-sqlite3. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-postinstall-'))
  roots.push(root)
  const modules = join(root, 'node_modules')
  write(join(modules, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1' }))
  write(join(modules, 'electron', 'install.js'), '')
  write(join(modules, 'electron', 'abi_version'), `${ABI}\n`)
  write(join(modules, 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }))
  write(join(modules, 'better-sqlite3', 'lib', 'index.js'), 'module.exports = {}')
  write(
    join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    'NODE-ABI BUILD node_register_module_v115\0',
  )
  write(
    join(modules, 'prebuild-install', 'package.json'),
    JSON.stringify({ name: 'prebuild-install', version: '7.1.3' }),
  )
  write(join(modules, 'prebuild-install', 'bin.js'), '')
  return root
}

type Behaviour = 'ok' | 'fail' | 'wrong-abi'
interface FakeRun {
  run: RunStep
  calls: { tool: string; args: readonly string[]; options: StepOptions }[]
}

/** Stands in for the child processes: the download, prebuild-install and node-gyp, each scripted. */
function fakeRun(behaviour: { download?: Behaviour; prebuild?: Behaviour; nodeGyp?: Behaviour }): FakeRun {
  const calls: FakeRun['calls'] = []
  const result = (ok: boolean): StepResult => ({
    ok,
    code: ok ? 0 : 1,
    timedOut: false,
    output: ok ? 'done' : 'getaddrinfo ENOTFOUND github.com',
  })
  const run: RunStep = (_command, args, options) => {
    const script = args[0] ?? ''
    const tool = script.endsWith('install.js')
      ? 'download'
      : script.includes('prebuild-install')
        ? 'prebuild'
        : 'node-gyp'
    calls.push({ tool, args: args.slice(1), options })
    const mode =
      (tool === 'download' ? behaviour.download : tool === 'prebuild' ? behaviour.prebuild : behaviour.nodeGyp) ??
      'fail'
    if (mode === 'fail') return Promise.resolve(result(false))
    if (tool === 'download') {
      write(join(options.cwd, 'path.txt'), 'electron')
      write(join(options.cwd, 'dist', 'electron'), '#!/bin/sh\n')
    } else {
      const abi = mode === 'wrong-abi' ? '115' : ABI
      write(join(options.cwd, 'build', 'Release', 'better_sqlite3.node'), `ELF node_register_module_v${abi}\0`)
    }
    return Promise.resolve(result(true))
  }
  return { run, calls }
}

async function postinstall(
  root: string,
  behaviour: Parameters<typeof fakeRun>[0],
  env: Record<string, string | undefined> = {},
) {
  const fake = fakeRun(behaviour)
  const printed: string[] = []
  const outcome = await runPostinstall({
    root,
    env: { npm_config_node_gyp: '/npm/node-gyp-bin/node-gyp.js', ...env },
    run: fake.run,
    print: (line) => printed.push(line),
  })
  return { outcome, printed, calls: fake.calls }
}

const nodeBuild = (root: string) =>
  readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')

describe('runPostinstall', () => {
  it('skips quietly when ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const root = project()
    const { outcome, printed, calls } = await postinstall(
      root,
      { download: 'ok' },
      { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    )
    expect(outcome).toEqual({ electron: 'skipped' })
    expect(printed).toEqual([])
    expect(calls).toEqual([])
  })

  it('skips quietly when electron is not installed at all', async () => {
    const root = project()
    rmSync(join(root, 'node_modules', 'electron'), { recursive: true })
    const { outcome, printed, calls } = await postinstall(root, { download: 'ok' })
    expect(outcome).toEqual({ electron: 'absent' })
    expect(printed).toEqual([])
    expect(calls).toEqual([])
  })

  it('prints exactly one line when the download fails, builds nothing, and keeps the details in a log', async () => {
    const root = project()
    const { outcome, printed, calls } = await postinstall(root, { download: 'fail', prebuild: 'ok' })
    expect(outcome).toEqual({ electron: 'unavailable' })
    expect(printed).toEqual([UNAVAILABLE_LINE])
    expect(calls.map((c) => c.tool)).toEqual(['download'])
    expect(existsSync(join(root, ...ELECTRON_SQLITE_DIR))).toBe(false)
    expect(readFileSync(join(root, 'node_modules', '.ollmchat', 'postinstall.log'), 'utf8')).toContain('ENOTFOUND')
  })

  it('runs electron’s own install script in its package folder with the caller’s environment', async () => {
    const root = project()
    const { calls } = await postinstall(root, { download: 'fail' }, { HTTPS_PROXY: 'http://proxy:3128' })
    expect(calls[0]?.options.cwd).toBe(join(root, 'node_modules', 'electron'))
    expect(calls[0]?.options.env['HTTPS_PROXY']).toBe('http://proxy:3128')
    expect(calls[0]?.options.timeoutMs).toBeGreaterThan(0)
  })

  it('after a download, fetches the prebuilt Electron binary into its own folder, leaving the Node build alone', async () => {
    const root = project()
    const { outcome, printed, calls } = await postinstall(root, { download: 'ok', prebuild: 'ok' })
    expect(outcome).toEqual({ electron: 'installed', sqlite: 'built' })
    expect(calls.map((c) => c.tool)).toEqual(['download', 'prebuild'])
    expect(calls[1]?.args).toEqual(expect.arrayContaining(['--runtime=electron', '--target=41.7.1']))
    expect(calls[1]?.options.cwd).toBe(join(root, ...ELECTRON_SQLITE_DIR, 'better-sqlite3'))
    expect(readFileSync(electronSqliteBindingPath(root), 'utf8')).toContain(`v${ABI}`)
    expect(nodeBuild(root)).toContain('v115')
    expect(printed).toHaveLength(1)
    const info = JSON.parse(readFileSync(join(root, ...ELECTRON_SQLITE_DIR, 'build-info.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(info).toMatchObject({ electron: '41.7.1', betterSqlite3: '12.11.1', method: 'prebuild', abi: ABI })
  })

  it('falls back to node-gyp with Electron headers and without npm’s nodedir', async () => {
    const root = project()
    const { outcome, calls } = await postinstall(
      root,
      { download: 'ok', prebuild: 'fail', nodeGyp: 'ok' },
      { npm_config_nodedir: '/usr' },
    )
    expect(outcome).toEqual({ electron: 'installed', sqlite: 'built' })
    const gyp = calls.find((c) => c.tool === 'node-gyp')
    expect(gyp?.args).toEqual(
      expect.arrayContaining(['rebuild', '--target=41.7.1', '--dist-url=https://electronjs.org/headers']),
    )
    expect(gyp?.options.env).not.toHaveProperty('npm_config_nodedir')
    expect(nodeBuild(root)).toContain('v115')
  })

  it('rejects a binary built for the wrong ABI and says so in one line', async () => {
    const root = project()
    const { outcome, printed } = await postinstall(root, {
      download: 'ok',
      prebuild: 'wrong-abi',
      nodeGyp: 'wrong-abi',
    })
    expect(outcome).toEqual({ electron: 'installed', sqlite: 'failed' })
    expect(printed).toEqual([sqliteFailedLine('41.7.1')])
    expect(existsSync(join(root, ...ELECTRON_SQLITE_DIR))).toBe(false)
    expect(nodeBuild(root)).toContain('v115')
  })

  it('reuses a build made for the same Electron and better-sqlite3', async () => {
    const root = project()
    await postinstall(root, { download: 'ok', prebuild: 'ok' })
    const again = await postinstall(root, { download: 'ok', prebuild: 'ok' })
    expect(again.outcome).toEqual({ electron: 'installed', sqlite: 'reused' })
    expect(again.calls.map((c) => c.tool)).toEqual(['download'])
    expect(again.printed).toEqual([])
  })
})

describe('postinstall helpers', () => {
  it('follows electron’s rule for the skip variable', () => {
    expect(shouldSkipElectronDownload({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(true)
    expect(shouldSkipElectronDownload({ ELECTRON_SKIP_BINARY_DOWNLOAD: '' })).toBe(false)
    expect(shouldSkipElectronDownload({})).toBe(false)
  })

  it('sees a binary only when path.txt names a file that exists', () => {
    const root = project()
    const dir = join(root, 'node_modules', 'electron')
    expect(electronBinaryInstalled(dir)).toBe(false)
    write(join(dir, 'path.txt'), 'electron')
    expect(electronBinaryInstalled(dir)).toBe(false)
    write(join(dir, 'dist', 'electron'), '')
    expect(electronBinaryInstalled(dir)).toBe(true)
  })

  it('keeps the Electron build folder in step with the main process', () => {
    expect(mainSideBindingPath('/app')).toBe(electronSqliteBindingPath('/app'))
  })
})

describe('scripts/postinstall.mjs', () => {
  it('exits 0 without a word when the download is skipped', () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'postinstall.mjs')
    const result = spawnSync(process.execPath, [script], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('')
  })
})
