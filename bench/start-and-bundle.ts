import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleSizes, FIRST_LOAD_BUDGET_KB, type BundleSizes } from '../scripts/check-bundle.mjs'
import { ensureRendererBuilt } from '../scripts/lib/renderer-build.mjs'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Comparison } from './lib/compare'
import { CORE_DEPENDENCIES, timeDependencyImport } from './lib/dependency-import'
import { profileLaunch } from './lib/launch-profile'
import { BARE_SERVER, LAUNCH_STEPS, timeLaunch } from './lib/launch-timer'
import { comparisonRows, COMPARISON_HEADERS, formatNumber, printHeader, renderTable } from './lib/report'
import { median } from './lib/stats'

const root = fileURLToPath(new URL('..', import.meta.url))
const METRICS = ['urlMs', ...LAUNCH_STEPS, 'dependencyImportMs'] as const
type Metric = (typeof METRICS)[number]
const SPECS = [
  { key: 'urlMs', label: 'spawn → address on stdout (ms)' },
  { key: 'sinceProcessStartMs', label: 'process start → core ready, logged (ms)' },
  { key: 'nodeStartMs', label: '  node start: process start → scripts/serve.mjs running (ms)' },
  { key: 'rendererCheckMs', label: '  is out/renderer current? (ms)' },
  { key: 'bundleMs', label: '  main bundled with esbuild into out/serve (ms)' },
  { key: 'importMs', label: '  out/serve/cli.js imported: our bundle + dependencies (ms)' },
  { key: 'coreStartMs', label: '  core start: SQLite, settings, server listening (ms)' },
  { key: 'rendererBuildMs', label: '  renderer build on the way (0 = none) (ms)' },
  { key: 'dependencyImportMs', label: 'dependencies imported by plain node on their own (ms)' },
] as const
const SERVE = ['scripts/serve.mjs', '--port', '0', '--data-dir']

// Ollama is not needed to start: nothing listens here and the window would say so.
const ENV = { OLLAMA_HOST: 'http://127.0.0.1:1' }

async function compareStart(
  label: string,
  command: string,
  args: string[],
  rounds: number,
): Promise<Comparison<Metric>> {
  progress(`${label}: ${rounds} rounds`)
  return compareInterleaved({
    metrics: METRICS,
    rounds,
    warmupRounds: 1,
    ours: async () => {
      // Built before each launch, outside the timing: a tree edited during the run must not put a build in a launch.
      await ensureRendererBuilt(root)
      const timing = await timeLaunch(command, args, ENV, root)
      return { ...timing, dependencyImportMs: await timeDependencyImport(root) }
    },
    baseline: async () => ({
      ...(await timeLaunch(process.execPath, BARE_SERVER, {}, root)),
      dependencyImportMs: Number.NaN,
    }),
    onRound: (round) => progress(`${label}: round ${round}/${rounds}`),
  })
}

/**
 * The core's own work: its start (SQLite, settings, the server listening) and importing the packages it runs on,
 * timed on their own. Everything else before the address (node's start, bundling and loading our sources, npm) is the
 * launch's cost, the part the target holds to twice a bare server.
 */
const coreOwnWork = (comparison: Comparison<Metric>) =>
  median(comparison.ours.coreStartMs) + median(comparison.ours.dependencyImportMs)

function targetRow(label: string, comparison: Comparison<Metric>): { row: string[]; met: boolean } {
  const ours = median(comparison.ours.urlMs)
  const bare = median(comparison.baseline.urlMs)
  const core = coreOwnWork(comparison)
  const allowed = 2 * bare + core
  const met = ours <= allowed
  return {
    row: [
      label,
      formatNumber(ours),
      `2 × ${formatNumber(bare)} + ${formatNumber(core)} = ${formatNumber(allowed)}`,
      met ? 'met' : 'missed',
    ],
    met,
  }
}

/** Where the time to the address goes, step by step (medians of the direct launch). */
function stepRows(comparison: Comparison<Metric>): string[][] {
  const m = (metric: Metric) => median(comparison.ours[metric])
  const dependencies = m('dependencyImportMs')
  const rows: [string, number][] = [
    ['node start (process start → scripts/serve.mjs running)', m('nodeStartMs')],
    ['is out/renderer current?', m('rendererCheckMs')],
    ['main bundled with esbuild', m('bundleMs')],
    ['dependency imports (timed on their own)', dependencies],
    ['our bundle loaded = import − dependencies', m('importMs') - dependencies],
    ['core start (SQLite, settings, server listening)', m('coreStartMs')],
    [
      'spawn before node starts its clock, and the pipe = address − logged ready',
      m('urlMs') - m('sinceProcessStartMs'),
    ],
  ]
  return rows.map(([what, ms]) => [what, formatNumber(ms)])
}

function bundleRows(sizes: BundleSizes): string[][] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
  const fonts = Object.entries(sizes.fonts)
  const onlyWoff2 = fonts.every(([format]) => format === 'woff2')
  const withinBudget = sizes.firstLoadJsGzipBytes <= FIRST_LOAD_BUDGET_KB * 1000
  return [
    [
      'first page JS, gzip',
      kb(sizes.firstLoadJsGzipBytes),
      `under ${FIRST_LOAD_BUDGET_KB} kB`,
      withinBudget ? 'met' : 'missed',
    ],
    ['first page JS, minified', kb(sizes.firstLoadJsBytes), '', ''],
    ['all JS, gzip (minified)', `${kb(sizes.totalJsGzipBytes)} (${kb(sizes.totalJsBytes)})`, '', ''],
    [
      'fonts by format',
      fonts.map(([format, f]) => `${f.files} ${format}, ${kb(f.bytes)}`).join('; '),
      'woff2 only',
      onlyWoff2 ? 'met' : 'missed',
    ],
  ]
}

async function printProfile(direct: Comparison<Metric>, dataDir: string): Promise<void> {
  process.stdout.write(
    `### where the time goes (node scripts/serve.mjs, medians)\n\n${renderTable(['step', 'ms'], stepRows(direct))}\n\n`,
  )
  progress('one launch under node --cpu-prof')
  const { timing, threads } = await profileLaunch([...SERVE, dataDir], ENV, root)
  const rows = threads.flatMap(({ name, split }) =>
    [...split].sort((a, b) => b[1] - a[1]).map(([who, ms]) => [name, who, formatNumber(ms)]),
  )
  process.stdout.write(
    `### CPU samples of one launch until ready (${formatNumber(timing.sinceProcessStartMs)} ms; node --cpu-prof, every thread, by script)\n\n${renderTable(['thread', 'who ran', 'ms'], rows)}\n\n`,
  )
}

async function run(options: BenchOptions): Promise<void> {
  const rounds = roundsFor(options, 15, 4)
  const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-start-'))
  printHeader({
    title: 'Start-up of the browser mode, and what the first page loads',
    ours: '`node scripts/serve.mjs` (one process: src-main bundled with esbuild into out/serve, then imported), and `npm run serve`',
    baseline: 'a bare `node -e` HTTP server printing its address (no app at all)',
    setup: [
      `${rounds} rounds per pair after one warm-up; each launch in its own process group, stopped with SIGINT (Ctrl+C) before the next`,
      'the steps are what the server logs at ready (performance marks in scripts/serve.mjs and cli.ts, from the process start)',
      `the core's own work = its start (logged) + importing ${CORE_DEPENDENCIES.join(', ')} in a fresh plain node each round`,
      `target: the address within 2 × the bare server + the core's own work; first page JS under ${FIRST_LOAD_BUDGET_KB} kB gzip; woff2 fonts only`,
      'bundle: out/renderer read by scripts/check-bundle.mjs (Vite manifest: the entry chunk and its static imports)',
    ],
  })
  try {
    const direct = await compareStart('node scripts/serve.mjs', process.execPath, [...SERVE, dataDir], rounds)
    const viaNpm = await compareStart(
      'npm run serve',
      'npm',
      ['run', '-s', 'serve', '--', '--port', '0', '--data-dir', dataDir],
      rounds,
    )
    process.stdout.write(
      `### node scripts/serve.mjs\n\n${renderTable(COMPARISON_HEADERS, comparisonRows(direct, SPECS))}\n\n`,
    )
    process.stdout.write(`### npm run serve\n\n${renderTable(COMPARISON_HEADERS, comparisonRows(viaNpm, SPECS))}\n\n`)
    const targets = [targetRow('node scripts/serve.mjs', direct), targetRow('npm run serve', viaNpm)]
    process.stdout.write(
      `${renderTable(
        ['launch', 'address after (ms, median)', 'allowed (ms)', 'target'],
        targets.map((t) => t.row),
      )}\n\n`,
    )
    if (targets.some((t) => !t.met)) await printProfile(direct, dataDir)
    const sizes = bundleSizes(join(root, 'out', 'renderer'))
    process.stdout.write(
      `### bundle (${sizes.firstLoadFiles.join(', ')})\n\n${renderTable(['what', 'size', 'target', ''], bundleRows(sizes))}\n`,
    )
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Time to the printed address of the browser mode against a bare Node server, and the first page's JS and fonts. */
export const startAndBundle: Benchmark = { name: 'start-and-bundle', run }

if (isMainModule(import.meta.url)) await runStandalone(startAndBundle)
