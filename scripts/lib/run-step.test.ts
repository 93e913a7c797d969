import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runStep } from './run-step.mjs'

const node = (code: string) => [process.execPath, ['-e', code]] as const
const options = { cwd: process.cwd(), env: process.env, timeoutMs: 30_000 }

describe('runStep', () => {
  it('reports success and keeps both output streams', async () => {
    const result = await runStep(...node('console.log("out"); console.error("err")'), options)
    expect(result).toMatchObject({ ok: true, code: 0, timedOut: false })
    expect(result.output).toContain('out')
    expect(result.output).toContain('err')
  })

  it('reports a failing exit code without rejecting', async () => {
    const result = await runStep(...node('process.exit(3)'), options)
    expect(result).toMatchObject({ ok: false, code: 3, timedOut: false })
  })

  it('reports a command that cannot start without rejecting', async () => {
    const result = await runStep('/nonexistent/tool', [], options)
    expect(result.ok).toBe(false)
    expect(result.output).toContain('ENOENT')
  })

  it('kills a step that outlives its deadline', async () => {
    const result = await runStep(...node('setInterval(() => {}, 1000)'), { ...options, timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, timedOut: true })
  })
})

describe('runStep when its parent ends first', () => {
  const runStepModule = new URL('./run-step.mjs', import.meta.url).href
  const dirs: string[] = []
  const started: number[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    // A failing run must not leave its processes behind.
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone, as it should be.
      }
    }
  })

  /** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0)
    } catch {
      return false
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    } catch {
      return true
    }
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (condition()) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`gave up waiting: ${what}`)
  }

  /**
   * A parent process that runs one long step (which starts a grandchild, as build tools start compilers) and
   * then does `then`; resolves with both pids once they run, and with how the parent ended.
   */
  async function parentWithStep(then: string) {
    const dir = mkdtempSync(join(tmpdir(), 'ollmchat-run-step-'))
    // Removed only after the test: the parent may not have seen the pid file yet.
    dirs.push(dir)
    const pids = join(dir, 'pids')
    const grandchild = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })`
    const step = `const g = ${grandchild}; require('node:fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + g.pid); setInterval(() => {}, 1000)`
    const parentCode = [
      `import { runStep } from ${JSON.stringify(runStepModule)}`,
      `import { existsSync } from 'node:fs'`,
      `void runStep(process.execPath, ['-e', ${JSON.stringify(step)}], { cwd: process.cwd(), env: process.env, timeoutMs: 60000 })`,
      `const wait = setInterval(() => { if (existsSync(${JSON.stringify(pids)})) { clearInterval(wait); ${then} } }, 10)`,
    ].join('\n')
    const parent = spawn(process.execPath, ['--input-type=module', '-e', parentCode], { stdio: 'ignore' })
    if (parent.pid !== undefined) started.push(parent.pid)
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      parent.on('exit', (code, signal) => resolve({ code, signal })),
    )
    await until(() => existsSync(pids) && readFileSync(pids, 'utf8').includes(' '), 'the step to start')
    const [stepPid, grandchildPid] = readFileSync(pids, 'utf8').split(' ').map(Number) as [number, number]
    started.push(stepPid, grandchildPid)
    return { parent, ended, stepPid, grandchildPid }
  }

  // Process groups are POSIX: on Windows runStep does not detach its steps, so there is nothing to test there.
  it.skipIf(process.platform === 'win32')(
    'kills the step and what it started when the parent gets Ctrl+C, then ends by that signal',
    async () => {
      const { parent, ended, stepPid, grandchildPid } = await parentWithStep('')
      expect(alive(stepPid) && alive(grandchildPid)).toBe(true)
      parent.kill('SIGINT')
      expect(await ended).toEqual({ code: null, signal: 'SIGINT' })
      await until(() => !alive(stepPid) && !alive(grandchildPid), 'the step and its child to be killed')
      expect([alive(stepPid), alive(grandchildPid)]).toEqual([false, false])
    },
  )

  it.skipIf(process.platform === 'win32')('kills the step when the parent exits while it runs', async () => {
    const { ended, stepPid, grandchildPid } = await parentWithStep('process.exit(0)')
    expect(await ended).toEqual({ code: 0, signal: null })
    await until(() => !alive(stepPid) && !alive(grandchildPid), 'the step and its child to be killed')
    expect([alive(stepPid), alive(grandchildPid)]).toEqual([false, false])
  })
})
