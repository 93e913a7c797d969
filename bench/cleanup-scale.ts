import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ollama } from 'ollama'
import { openDatabase } from '../src-main/core/history/database'
import { migrate } from '../src-main/core/history/migrations'
import { createTempModelTable } from '../src-main/core/history/temp-model-table'
import { OllamaClient, TempModelManager } from '../src-main/core/index'
import { silentLogger } from '../src-main/core/log'
import { asNumCtx } from '../src-main/test-support/num-ctx'
import type { TempModelRegistry } from '../src-main/core/models/temp-model-registry'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved, type Sample } from './lib/compare'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable, type MetricSpec } from './lib/report'
import { measureResponsiveness, startPingTarget } from './lib/responsiveness'
import { startSimProcess, type SimProcess } from './lib/sim-process'
import { cleanupTargetRows, TARGETS, type ScenarioResult } from './cleanup-scale-targets'

const BASE = 'llama3'
/** One temporary model stays loaded: both sides must keep it, and ours then checks every other one against it. */
const LOADED = { name: `ollmchat-temp/${BASE}-oc2048`, numCtx: 2048 }
const LOADED_LISTED = `${LOADED.name}:latest`
/** The plain script's fixed number of deletes in flight; ours starts there and adapts (1 to 16). */
const PLAIN_CONCURRENCY = 4

type Metric = 'wallMs' | 'usPerModel' | 'loopMaxMs' | 'loopP99Ms' | 'busyMaxMs' | 'pingP95Ms' | 'requests' | 'left'
const METRICS: readonly Metric[] = [
  'wallMs',
  'usPerModel',
  'loopMaxMs',
  'loopP99Ms',
  'busyMaxMs',
  'pingP95Ms',
  'requests',
  'left',
]

interface Scenario {
  label: string
  temps: number
  latencyMs: number
  /** Transport fault: deletes whose connection is dropped before Ollama handles them. */
  droppedDeletes: number
}

interface Setup {
  sim: SimProcess
  pingUrl: string
  registry: TempModelRegistry
  /** Writes a record for each temporary model, as the app has for the ones it made. */
  remember(names: readonly string[], numCtx: readonly number[]): void
}

const tempNamesFor = (count: number) => {
  const numCtx = Array.from({ length: count }, (_, i) => 4096 + i)
  return { names: numCtx.map((n) => `ollmchat-temp/${BASE}-oc${n}`), numCtx }
}

/** Installs the scenario's temporary models (not measured) and sets its latency and faults. */
async function prepare(setup: Setup, scenario: Scenario, withRecords: boolean): Promise<void> {
  await setup.sim.latency(0)
  const { names, numCtx } = tempNamesFor(scenario.temps)
  await setup.sim.seed(names, BASE, numCtx)
  if (withRecords) setup.remember(names, numCtx)
  await setup.sim.requests()
  await setup.sim.latency(scenario.latencyMs)
  if (scenario.droppedDeletes > 0) await setup.sim.dropDeletes(scenario.droppedDeletes)
}

/** What is left after a side ran: every temporary model but the loaded one must be gone. */
async function leftBehind(sim: SimProcess): Promise<number> {
  return (await sim.temps()).filter((name) => name !== LOADED_LISTED).length
}

/** Ours: the start-up clean-up of a fresh `TempModelManager` (fresh client, records in SQLite). */
function oursPass(setup: Setup, scenario: Scenario) {
  return async (): Promise<Sample<Metric>> => {
    await prepare(setup, scenario, true)
    const client = new OllamaClient({ host: setup.sim.url })
    const manager = new TempModelManager(client, { registry: setup.registry, log: silentLogger })
    const stopwatch = startStopwatch()
    const measured = await measureResponsiveness(setup.sim, setup.pingUrl, () => manager.cleanupWhenReachable())
    const wallMs = stopwatch.wallMs()
    await client.close()
    await setup.sim.latency(0)
    const report = measured.result
    if (report.failed.length > 0)
      throw new Error(
        `ours failed to delete: ${report.failed
          .slice(0, 3)
          .map((f) => `${f.name}: ${f.error}`)
          .join('; ')}`,
      )
    return sampleOf(setup, scenario, wallMs, measured)
  }
}

/**
 * The plain script a user would write with the official `ollama` client: list, ps, then delete every temporary
 * model not listed in `/api/ps`, `PLAIN_CONCURRENCY` at a time; a failed delete is noted and skipped.
 */
function plainPass(setup: Setup, scenario: Scenario) {
  return async (): Promise<Sample<Metric>> => {
    await prepare(setup, scenario, false)
    const ollama = new Ollama({ host: setup.sim.url })
    const stopwatch = startStopwatch()
    const measured = await measureResponsiveness(setup.sim, setup.pingUrl, async () => {
      const { models } = await ollama.list()
      const loaded = new Set((await ollama.ps()).models.map((m) => m.name))
      const unused = models.map((m) => m.name).filter((name) => name.startsWith('ollmchat-temp/') && !loaded.has(name))
      let next = 0
      let failed = 0
      const worker = async () => {
        while (next < unused.length) {
          const name = unused[next++] as string
          await ollama.delete({ model: name }).catch(() => failed++)
        }
      }
      await Promise.all(Array.from({ length: PLAIN_CONCURRENCY }, worker))
      return failed
    })
    const wallMs = stopwatch.wallMs()
    await setup.sim.latency(0)
    return sampleOf(setup, scenario, wallMs, measured)
  }
}

async function sampleOf(
  setup: Setup,
  scenario: Scenario,
  wallMs: number,
  measured: { loopMaxMs: number; loopP99Ms: number; busyMaxMs: number; pingP95Ms: number },
): Promise<Sample<Metric>> {
  const requests = await setup.sim.requests()
  const left = await leftBehind(setup.sim)
  return {
    wallMs,
    usPerModel: (wallMs * 1000) / scenario.temps,
    loopMaxMs: measured.loopMaxMs,
    loopP99Ms: measured.loopP99Ms,
    busyMaxMs: measured.busyMaxMs,
    pingP95Ms: measured.pingP95Ms,
    requests,
    left,
  }
}

function scenariosFor(options: BenchOptions): Scenario[] {
  const sizes = options.quick ? [10, 100, 500] : [10, 100, 1_000, 5_000]
  const mid = options.quick ? 200 : 1_000
  return [
    ...sizes.map((temps) => ({ label: `${temps.toLocaleString('en')} temps`, temps, latencyMs: 0, droppedDeletes: 0 })),
    { label: `${mid.toLocaleString('en')} temps, 5 ms latency`, temps: mid, latencyMs: 5, droppedDeletes: 0 },
    { label: '100 temps, 2 deletes lose their connection', temps: 100, latencyMs: 0, droppedDeletes: 2 },
  ]
}

/** The 1-minute load average against the number of cores: above 1 per core, processes wait for a CPU. */
const loadAverage = () => `${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`

const roundsOf = (options: BenchOptions, temps: number) =>
  roundsFor(options, temps >= 5_000 ? 3 : temps >= 1_000 ? 5 : 8, 3)

async function run(options: BenchOptions): Promise<void> {
  const scenarios = scenariosFor(options)
  printHeader({
    title: 'Start-up clean-up of temporary models at scale',
    ours: 'TempModelManager.cleanupWhenReachable: listing checked and models indexed in 10 ms slices, indexed in-use rules, adaptive deletes (1–16, from 4), records in SQLite',
    baseline: `plain script with the official ollama client: list, ps, delete every unused temp, ${PLAIN_CONCURRENCY} at a time`,
    setup: [
      "simulator in its own process (its work is not in this process's event loop); one temp stays loaded (both keep it)",
      "event loop: monitorEventLoopDelay (1 ms); ping: GET to this process from the simulator's process every 5 ms",
      'on CPU: per gap of a 1 ms timer, the smaller of the gap and the CPU time used in it (a wait for a CPU left out)',
      `scenarios: ${scenarios.map((s) => s.label).join('; ')}`,
      'left: temps still there afterwards (must be 0, except the plain script under dropped connections)',
      `targets: per temp at the largest size ≤ ${TARGETS.flatFactor}× per temp at 100 (flat); whole pass ≤ ${TARGETS.wallFactor}× the plain script (median ratio) at every size but under dropped connections (the plain script skips those deletes); event loop longest delay ≤ ${TARGETS.loopMaxMs} ms (median over rounds) in every scenario; ours leaves nothing in any round`,
      `machine load at the start: ${loadAverage()} (other processes show as event-loop delay on both sides)`,
    ],
  })
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-cleanup-'))
  const db = openDatabase({ file: join(dir, 'history.sqlite') })
  migrate(db)
  const registry = createTempModelTable(db)
  const sim = await startSimProcess({ models: [BASE] })
  const ping = await startPingTarget()
  const rows: string[][] = []
  const results: ScenarioResult[] = []
  try {
    const host = new OllamaClient({ host: sim.url }).host
    const baseDigest =
      (await new Ollama({ host: sim.url }).list()).models.find((m) => m.name === `${BASE}:latest`)?.digest ?? ''
    const records = registry.forHost(host)
    const createdAt = new Date(Date.now() - 3_600_000).toISOString()
    const remember = db.transaction((names: readonly string[], numCtx: readonly number[]) => {
      names.forEach((path, i) =>
        records.set({ path, baseModel: `${BASE}:latest`, baseDigest, numCtx: asNumCtx(numCtx[i] ?? 4096), createdAt }),
      )
    })
    const setup: Setup = { sim, pingUrl: ping.url, registry, remember: (names, numCtx) => remember(names, numCtx) }
    await sim.seed([LOADED.name], BASE, [LOADED.numCtx])
    await sim.load(LOADED.name, LOADED.numCtx)
    for (const scenario of scenarios) {
      const comparison = await compareInterleaved({
        metrics: METRICS,
        rounds: roundsOf(options, scenario.temps),
        warmupRounds: 1,
        ours: oursPass(setup, scenario),
        baseline: plainPass(setup, scenario),
      })
      // Ours leaving any is a missed target (in the table below); the baseline leaving any makes it no baseline.
      const plainLeft = comparison.baseline.left.filter((left) => left !== 0).length
      if (scenario.droppedDeletes === 0 && plainLeft > 0)
        throw new Error(`${scenario.label}: the plain script left temporary models behind`)
      const plainSize = scenario.latencyMs === 0 && scenario.droppedDeletes === 0
      results.push({
        label: scenario.label,
        temps: scenario.temps,
        plainSize,
        comparableWall: scenario.droppedDeletes === 0,
        comparison,
      })
      progress(`${scenario.label} done`)
      const specs: MetricSpec<Metric>[] = [
        { key: 'wallMs', label: `${scenario.label}: whole pass (ms)` },
        { key: 'usPerModel', label: `${scenario.label}: per temp (µs)` },
        { key: 'loopMaxMs', label: `${scenario.label}: event loop, longest delay (ms)` },
        { key: 'loopP99Ms', label: `${scenario.label}: event loop, p99 delay (ms)` },
        { key: 'busyMaxMs', label: `${scenario.label}: event loop, longest stretch on CPU (ms)` },
        { key: 'pingP95Ms', label: `${scenario.label}: ping to this process, p95 (ms)` },
        { key: 'requests', label: `${scenario.label}: HTTP requests` },
        { key: 'left', label: `${scenario.label}: temps left behind` },
      ]
      rows.push(...comparisonRows(comparison, specs))
    }
  } finally {
    await ping.close()
    await sim.close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  process.stdout.write(`${renderTable(COMPARISON_HEADERS, rows)}\nmachine load at the end: ${loadAverage()}\n\n`)
  process.stdout.write(`${renderTable(['target', 'measured', 'verdict'], cleanupTargetRows(results))}\n`)
}

/** The start-up clean-up against a plain list-ps-delete script, from 10 to 5,000 temporary models. */
export const cleanupScale: Benchmark = { name: 'cleanup-scale', run }

if (isMainModule(import.meta.url)) await runStandalone(cleanupScale)
