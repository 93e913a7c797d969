import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { timeLaunch, type LaunchTiming } from './launch-timer'

/** The parts of a V8 `.cpuprofile` this reads (node --cpu-prof). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[]
  /** Microseconds on the monotonic clock all threads of the process share. */
  startTime: number
  samples: number[]
  /** Microseconds between samples, the first from the profile's start. */
  timeDeltas: number[]
}

/** Who a sampled function belongs to, by its script's URL (V8's pseudo-frames by their names). */
export function categoryOf(frame: { functionName: string; url: string }): string {
  const { functionName, url } = frame
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection'
    if (functionName === '(idle)') return 'idle (waiting for I/O or a child process)'
    return 'V8 itself (parsing, compiling)'
  }
  if (url.startsWith('node:')) return 'Node internals (module loader, fs)'
  if (/[\\/]node_modules[\\/](tsx|esbuild|@esbuild|get-tsconfig|resolve-pkg-maps)[\\/]/.test(url))
    return 'tsx and esbuild (resolving, transpiling, its cache)'
  if (/[\\/]node_modules[\\/]/.test(url)) return 'dependencies (node_modules)'
  if (/[\\/](src-main|src-shared)[\\/]/.test(url)) return 'our sources (src-main, src-shared)'
  if (/[\\/]scripts[\\/]/.test(url)) return 'the launcher (scripts/)'
  return 'other'
}

/** Milliseconds of samples per category, from the profile's start up to `untilUs` on the shared clock. */
export function splitProfile(profile: CpuProfile, untilUs: number): Map<string, number> {
  const categoryById = new Map(profile.nodes.map((node) => [node.id, categoryOf(node.callFrame)]))
  const totals = new Map<string, number>()
  let atUs = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    const deltaUs = profile.timeDeltas[i] ?? 0
    atUs += deltaUs
    if (atUs > untilUs) break
    const category = categoryById.get(profile.samples[i] ?? -1) ?? 'other'
    totals.set(category, (totals.get(category) ?? 0) + deltaUs / 1000)
  }
  return totals
}

/** What a thread of the launch did, named by the scripts it ran. */
function threadName(profile: CpuProfile, isMain: boolean): string {
  if (isMain) return 'main thread'
  const urls = profile.nodes.map((node) => node.callFrame.url)
  if (urls.some((url) => url.includes('search-worker'))) return 'search worker'
  if (urls.some((url) => /[\\/]node_modules[\\/]tsx[\\/]/.test(url))) return 'module-hooks thread (tsx)'
  return 'other thread'
}

/**
 * One launch of `node <args>` under `--cpu-prof`: every thread's samples (node writes one profile per thread; tsx's
 * loader runs on Node's module-hooks thread, outside the main thread's profile) up to the ready line, split by who
 * ran. The main thread's profile starts a few milliseconds after the process, so node's own start is undercounted.
 */
export async function profileLaunch(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ timing: LaunchTiming; threads: { name: string; split: Map<string, number> }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-cpu-prof-'))
  try {
    const timing = await timeLaunch(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], env, cwd)
    // CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile; thread 0 is the main thread.
    const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
    const profiles = files.map((name) => ({
      isMain: name.split('.').at(-3) === '0',
      profile: JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile,
    }))
    const main = profiles.find((p) => p.isMain)
    if (main === undefined) throw new Error('node --cpu-prof wrote no profile of the main thread')
    const readyUs = main.profile.startTime + timing.sinceProcessStartMs * 1000
    const threads = profiles.map(({ isMain, profile }) => ({
      name: threadName(profile, isMain),
      split: splitProfile(profile, readyUs),
    }))
    return { timing, threads }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
