import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import type { LaunchTimings } from '../../src-main/browser/launch-timings'

/** Every step the server logs at ready (src-main/browser/launch-timings.ts). */
export const LAUNCH_STEPS = [
  'sinceProcessStartMs',
  'modulesLoadedMs',
  'coreStartMs',
  'rendererBuildMs',
  'nodeStartMs',
  'rendererCheckMs',
  'bundleMs',
  'importMs',
] as const satisfies readonly (keyof LaunchTimings)[]

/**
 * What one launch measured: spawn to the address on stdout, and the steps of the server's
 * `ollmchat info ready {...}` line (NaN where absent: all of them for the bare server).
 */
export type LaunchTiming = { urlMs: number } & Record<(typeof LAUNCH_STEPS)[number], number>

const URL_LINE = /http:\/\/127\.0\.0\.1:\d+\//
const READY_LINE = /ollmchat info ready (\{.*\})/

/**
 * Spawns `command` in its own process group, as a terminal runs a job, times it until an address appears on
 * stdout, then sends SIGINT to the group (Ctrl+C) and waits until it has exited, so the next launch starts clean.
 */
export async function timeLaunch(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<LaunchTiming> {
  const started = performance.now()
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const urlMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (URL_LINE.test(stdout)) resolve(performance.now() - started)
    })
    void exited.then(() =>
      reject(new Error(`${command} ${args.join(' ')} exited before printing an address:\n${stdout}${stderr}`)),
    )
  })
  // The ready line is written just before the address; give stderr a moment to catch up with stdout.
  await new Promise((resolve) => setTimeout(resolve, 20))
  process.kill(-(child.pid ?? 0), 'SIGINT')
  await exited
  const ready = READY_LINE.exec(stderr)?.[1]
  const fields = ready === undefined ? {} : (JSON.parse(ready) as Partial<LaunchTimings>)
  return {
    urlMs,
    ...(Object.fromEntries(LAUNCH_STEPS.map((step) => [step, fields[step] ?? Number.NaN])) as Record<
      (typeof LAUNCH_STEPS)[number],
      number
    >),
  }
}

/** A plain Node HTTP server that prints its address, as small as a server gets: the baseline for start-up. */
export const BARE_SERVER = [
  '-e',
  "require('node:http').createServer().listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/') }); process.on('SIGINT', () => process.exit(0))",
]
