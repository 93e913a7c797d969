import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { npmCommand, RESTORE_FAILED_LINE, RESTORE_LINE, runDist } from './dist-flow.mjs'

const ROOT = '/project'

/** A runner that answers each step with the given exit code (by a word of its command line) and records the order. */
function runner(codes: { build?: number; builder?: number | 'reject'; rebuild?: number }) {
  const steps: string[] = []
  const run = async (command: string, args: readonly string[]) => {
    const line = [command, ...args].join(' ')
    if (line.includes('electron-vite')) {
      steps.push('build')
      return codes.build ?? 0
    }
    if (line.includes('electron-builder')) {
      steps.push(`builder ${args.slice(1).join(' ')}`.trim())
      if (codes.builder === 'reject') throw new Error('spawn failed')
      return codes.builder ?? 0
    }
    if (line.endsWith('rebuild better-sqlite3')) {
      steps.push('rebuild')
      return codes.rebuild ?? 0
    }
    throw new Error(`unexpected step: ${line}`)
  }
  return { steps, run }
}

const dist = (codes: Parameters<typeof runner>[0], builderArgs: string[] = []) => {
  const { steps, run } = runner(codes)
  const lines: string[] = []
  const done = runDist({
    root: ROOT,
    builderArgs,
    env: { npm_execpath: '/npm/bin/npm-cli.js' },
    run,
    print: (line) => lines.push(line),
  })
  return done.then((code) => ({ code, steps, lines }))
}

describe('runDist', () => {
  it('builds, packages with the given arguments, then restores the Node build of better-sqlite3', async () => {
    const { code, steps, lines } = await dist({}, ['--linux', 'AppImage'])
    expect(code).toBe(0)
    expect(steps).toEqual(['build', 'builder --linux AppImage', 'rebuild'])
    expect(lines).toEqual([RESTORE_LINE])
  })

  it('restores also when packaging fails, and reports the packaging failure', async () => {
    const { code, steps } = await dist({ builder: 7 })
    expect(code).toBe(7)
    expect(steps).toEqual(['build', 'builder', 'rebuild'])
  })

  it('restores also when electron-builder could not even be started', async () => {
    const { code, steps } = await dist({ builder: 'reject' })
    expect(code).toBe(1)
    expect(steps).toEqual(['build', 'builder', 'rebuild'])
  })

  it('says how to repair the checkout when the restore fails, and fails', async () => {
    const { code, lines } = await dist({ rebuild: 1 })
    expect(code).toBe(1)
    expect(lines).toEqual([RESTORE_LINE, RESTORE_FAILED_LINE])
  })

  it('stops after a failed build: electron-builder never ran, so nothing needs restoring', async () => {
    const { code, steps } = await dist({ build: 2 })
    expect(code).toBe(2)
    expect(steps).toEqual(['build'])
  })
})

describe('npmCommand', () => {
  it('uses the npm that runs the script, else npm from the PATH', () => {
    expect(npmCommand({ npm_execpath: '/npm/bin/npm-cli.js' })).toEqual({
      command: process.execPath,
      args: ['/npm/bin/npm-cli.js'],
    })
    expect(npmCommand({}, 'linux')).toEqual({ command: 'npm', args: [] })
    expect(npmCommand({}, 'win32')).toEqual({ command: 'npm.cmd', args: [] })
  })
})

describe('the build steps', () => {
  it('start electron-vite and electron-builder from this project', async () => {
    const calls: string[] = []
    await runDist({
      root: ROOT,
      builderArgs: [],
      env: {},
      run: async (command, args) => (calls.push([command, ...args].join(' ')), 0),
      print: () => {},
    })
    expect(calls).toEqual([
      `${process.execPath} ${join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')} build`,
      `${process.execPath} ${join(ROOT, 'node_modules', 'electron-builder', 'cli.js')}`,
      `${npmCommand({}).command} rebuild better-sqlite3`,
    ])
  })
})
