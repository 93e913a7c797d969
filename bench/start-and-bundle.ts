import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureRendererBuilt } from '../scripts/lib/renderer-build.mjs'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Comparison } from './lib/compare'
import { BARE_SERVER, timeLaunch, type LaunchTiming } from './lib/launch-timer'
import { comparisonRows, COMPARISON_HEADERS, formatNumber, printHeader, renderTable } from './lib/report'
import { median } from './lib/stats'

const root = fileURLToPath(new URL('..', import.meta.url))
const METRICS = ['urlMs', 'sinceProcessStartMs', 'modulesLoadedMs', 'coreStartMs'] as const satisfies readonly (keyof LaunchTiming)[]
type Metric = (typeof METRICS)[number]
const SPECS = [
  { key: 'urlMs', label: 'spawn → address on stdout (ms)' },
  { key: 'sinceProcessStartMs', label: "core's own work: process start → core ready, logged (ms)" },
  { key: 'modulesLoadedMs', label: '  of which: process start → every module loaded (node, tsx, dependencies) (ms)' },
  { key: 'coreStartMs', label: '  of which: core start (SQLite, settings, server listening) (ms)' },
] as const

// Ollama is not needed to start: nothing listens here and the window would say so.
const ENV = { OLLAMA_HOST: 'http://127.0.0.1:1' }

interface BundleSizes {
  firstLoadFiles: string[]
  firstLoadJsBytes: number
  firstLoadJsGzipBytes: number
  totalJsBytes: number
  totalJsGzipBytes: number
  fonts: Record<string, { files: number; bytes: number }>
}

async function compareStart(label: string, command: string, args: string[], rounds: number): Promise<Comparison<Metric>> {
  progress(`${label}: ${rounds} rounds`)
  return compareInterleaved({
    metrics: METRICS,
    rounds,
    warmupRounds: 1,
    // Built before each launch, outside the timing: a tree edited during the run must not put a build in a launch.
    ours: async () => {
      await ensureRendererBuilt(root)
      return timeLaunch(command, args, ENV, root)
    },
    baseline: () => timeLaunch(process.execPath, BARE_SERVER, {}, root),
    onRound: (round) => progress(`${label}: round ${round}/${rounds}`),
  })
}

/** Met when the address comes within twice the bare server's time plus the core's own (logged) work. */
function targetRow(label: string, comparison: Comparison<Metric>): string[] {
  const ours = median(comparison.ours.urlMs)
  const bare = median(comparison.baseline.urlMs)
  const core = median(comparison.ours.sinceProcessStartMs)
  const allowed = 2 * bare + core
  return [label, formatNumber(ours), `2 × ${formatNumber(bare)} + ${formatNumber(core)} = ${formatNumber(allowed)}`, ours <= allowed ? 'met' : 'missed']
}

function bundleRows(sizes: BundleSizes): string[][] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
  const fonts = Object.entries(sizes.fonts)
  const onlyWoff2 = fonts.every(([format]) => format === 'woff2')
  return [
    ['first page JS, gzip', kb(sizes.firstLoadJsGzipBytes), 'under 150 kB', sizes.firstLoadJsGzipBytes < 150_000 ? 'met' : 'missed'],
    ['first page JS, minified', kb(sizes.firstLoadJsBytes), '', ''],
    ['all JS, gzip (minified)', `${kb(sizes.totalJsGzipBytes)} (${kb(sizes.totalJsBytes)})`, '', ''],
    ['fonts by format', fonts.map(([format, f]) => `${f.files} ${format}, ${kb(f.bytes)}`).join('; '), 'woff2 only', onlyWoff2 ? 'met' : 'missed'],
  ]
}

async function run(options: BenchOptions): Promise<void> {
  const rounds = roundsFor(options, 15, 4)
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-start-'))
  printHeader({
    title: 'Start-up of the browser mode, and what the first page loads',
    ours: '`node scripts/serve.mjs` (one process: tsx registered in-process, then src-main/browser/cli.ts), and `npm run serve`',
    baseline: 'a bare `node -e` HTTP server printing its address (no app at all)',
    setup: [
      `${rounds} rounds per pair after one warm-up; each launch in its own process group, stopped with SIGINT (Ctrl+C) before the next`,
      "the core's own work is what the server logs at ready: process start → core ready (performance.now() in cli.ts)",
      'target: the address within 2 × the bare server + the core\'s own work; first page JS under 150 kB gzip; woff2 fonts only',
      'bundle: out/renderer read by scripts/check-bundle.mjs (Vite manifest: the entry chunk and its static imports)',
    ],
  })
  try {
    const direct = await compareStart('node scripts/serve.mjs', process.execPath, ['scripts/serve.mjs', '--port', '0', '--data-dir', dataDir], rounds)
    const viaNpm = await compareStart('npm run serve', 'npm', ['run', '-s', 'serve', '--', '--port', '0', '--data-dir', dataDir], rounds)
    process.stdout.write(`### node scripts/serve.mjs\n\n${renderTable(COMPARISON_HEADERS, comparisonRows(direct, SPECS))}\n\n`)
    process.stdout.write(`### npm run serve\n\n${renderTable(COMPARISON_HEADERS, comparisonRows(viaNpm, SPECS))}\n\n`)
    const targets = [targetRow('node scripts/serve.mjs', direct), targetRow('npm run serve', viaNpm)]
    process.stdout.write(`${renderTable(['launch', 'address after (ms, median)', 'allowed (ms)', 'target'], targets)}\n\n`)
    // check-bundle exits 1 over budget; its JSON is printed either way, and the table says met or missed.
    const check = spawnSync(process.execPath, ['scripts/check-bundle.mjs', '--json'], { cwd: root, encoding: 'utf8' })
    const sizes = JSON.parse(check.stdout) as BundleSizes
    process.stdout.write(`### bundle (${sizes.firstLoadFiles.join(', ')})\n\n${renderTable(['what', 'size', 'target', ''], bundleRows(sizes))}\n`)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Time to the printed address of the browser mode against a bare Node server, and the first page's JS and fonts. */
export const startAndBundle: Benchmark = { name: 'start-and-bundle', run }

if (isMainModule(import.meta.url)) await runStandalone(startAndBundle)
