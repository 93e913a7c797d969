// `npm start` where an Electron binary exists, with a stand-in for it (the real one cannot be downloaded here): the
// launcher is the one launch with a child, and Ctrl+C must reach that child exactly once. Electron quits gracefully
// on the first SIGINT and dies at once on a second, before a streaming reply is saved. Linux only (process groups
// and a shell-script stand-in).
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** An `electron` that says it started, counts the SIGINTs it gets, and exits 0 a moment after the first. */
function standInElectron(): { dist: string; signals: () => string[] } {
  const dist = mkdtempSync(join(tmpdir(), 'ollmchat-start-'))
  dirs.push(dist)
  const log = join(dist, 'signals.log')
  const script = `#!/bin/sh
trap 'echo SIGINT >> "${log}"; (sleep 0.5; kill -TERM $$) &' INT
trap 'exit 0' TERM
echo "stand-in electron started"
while true; do sleep 0.05; done
`
  writeFileSync(join(dist, 'electron'), script)
  chmodSync(join(dist, 'electron'), 0o755)
  return { dist, signals: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) }
}

describe.skipIf(process.platform !== 'linux')('npm start with an Electron binary', () => {
  /** `npm start` as a terminal's foreground job (npm, the launcher, Electron), resolved once Electron is up. */
  async function startJob(electron: { dist: string }): Promise<{ pid: number; exited: Promise<number | null> }> {
    const job = spawn('npm', ['start', '-s'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electron.dist },
    })
    let output = ''
    const exited = new Promise<number | null>((resolve) => job.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('stand-in electron started')) resolve()
      }
      job.stdout.on('data', read)
      job.stderr.on('data', read)
      void exited.then((code) => reject(new Error(`npm start exited with ${code} before Electron started:\n${output}`)))
    })
    return { pid: job.pid ?? 0, exited }
  }

  it('passes one Ctrl+C to the whole terminal job on to Electron exactly once', async () => {
    const electron = standInElectron()
    const job = await startJob(electron)
    // What the terminal does on Ctrl+C: SIGINT to every process of the foreground group.
    process.kill(-job.pid, 'SIGINT')
    await job.exited
    // The terminal's SIGINT to the group, npm's relayed copy and the launcher's forward were three before.
    expect(electron.signals()).toEqual(['SIGINT'])
  }, 120_000)

  it('passes a second, deliberate Ctrl+C on too (to force a quit that hangs)', async () => {
    const electron = standInElectron()
    const job = await startJob(electron)
    process.kill(-job.pid, 'SIGINT')
    // A person's second press comes well after npm's relayed copy of the first (the stand-in quits 500 ms after it).
    await new Promise((resolve) => setTimeout(resolve, 250))
    process.kill(-job.pid, 'SIGINT')
    await job.exited
    expect(electron.signals()).toEqual(['SIGINT', 'SIGINT'])
  }, 120_000)
})
