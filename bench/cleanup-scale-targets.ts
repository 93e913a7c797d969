import { formatNumber } from './lib/report'
import { pairedRatios, spreadOf } from './lib/stats'

/** Issue 10's clean-up targets. */
export const TARGETS = {
  /** Per-temp time of ours at the largest size at most this many times its per-temp time at 100 ("flat"). */
  flatFactor: 1.5,
  /** Whole pass of ours at most this many times the plain script's (median of the paired ratios), at every size. */
  wallFactor: 1.5,
  /** Longest event-loop delay (median over rounds) at every size. */
  loopMaxMs: 50,
}

/** The metrics the targets are judged on. */
type Needed = 'wallMs' | 'usPerModel' | 'loopMaxMs' | 'left'

/** What the target table needs to know about a scenario. */
export interface ScenarioResult {
  label: string
  temps: number
  /** A size scenario: no added latency and no faults (the row of the "at every size"). */
  plainSize: boolean
  /** The plain script skips a failed delete, so its time is no baseline under dropped connections. */
  comparableWall: boolean
  /** Every round's samples of both sides (a `Comparison` of at least these metrics). */
  comparison: { ours: Record<Needed, number[]>; baseline: Record<Needed, number[]> }
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
const times = (value: number) => `${formatNumber(value)}×`

/**
 * One row per target and scenario, as `[target, measured, verdict]`. Judged on medians over rounds, except
 * "nothing left behind", which must hold in every round of every scenario.
 */
export function cleanupTargetRows(results: readonly ScenarioResult[]): string[][] {
  const median = (result: ScenarioResult, side: 'ours' | 'baseline', key: Needed) =>
    spreadOf(result.comparison[side][key]).median
  const rows: string[][] = []
  const sizes = results.filter((result) => result.plainSize)
  const at100 = sizes.find((result) => result.temps === 100)
  const largest = sizes.reduce<ScenarioResult | undefined>(
    (most, result) => (most === undefined || result.temps > most.temps ? result : most),
    undefined,
  )
  if (at100 !== undefined && largest !== undefined && largest.temps > 100) {
    const growth = median(largest, 'ours', 'usPerModel') / median(at100, 'ours', 'usPerModel')
    const plainGrowth = median(largest, 'baseline', 'usPerModel') / median(at100, 'baseline', 'usPerModel')
    rows.push([
      `time per temp flat: per temp at ${largest.temps.toLocaleString('en')} ≤ ${TARGETS.flatFactor}× per temp at 100 (medians)`,
      `${formatNumber(median(largest, 'ours', 'usPerModel'))} µs / ${formatNumber(median(at100, 'ours', 'usPerModel'))} µs = ${times(growth)} (plain script: ${times(plainGrowth)})`,
      verdict(growth <= TARGETS.flatFactor),
    ])
  }
  for (const result of results.filter((r) => r.comparableWall)) {
    const ratios = spreadOf(pairedRatios(result.comparison.ours.wallMs, result.comparison.baseline.wallMs))
    rows.push([
      `${result.label}: whole pass ≤ ${TARGETS.wallFactor}× the plain script (median ratio; range)`,
      `${times(ratios.median)} (${times(ratios.min)}–${times(ratios.max)})`,
      verdict(ratios.median <= TARGETS.wallFactor),
    ])
  }
  for (const result of results) {
    const loop = spreadOf(result.comparison.ours.loopMaxMs)
    // The plain script's delay beside it: what the machine's other load alone puts on a process that barely works.
    const plainLoop = median(result, 'baseline', 'loopMaxMs')
    rows.push([
      `${result.label}: event loop longest delay ≤ ${TARGETS.loopMaxMs} ms (median over rounds; max)`,
      `${formatNumber(loop.median)} ms (max ${formatNumber(loop.max)} ms; plain script: ${formatNumber(plainLoop)} ms)`,
      verdict(loop.median <= TARGETS.loopMaxMs),
    ])
  }
  const rounds = results.reduce((sum, result) => sum + result.comparison.ours.left.length, 0)
  const leaving = results.reduce(
    (sum, result) => sum + result.comparison.ours.left.filter((left) => left !== 0).length,
    0,
  )
  rows.push([
    'nothing left behind by ours (every round of every scenario)',
    leaving === 0 ? `0 left in all ${rounds} rounds` : `temps left in ${leaving} of ${rounds} rounds`,
    verdict(leaving === 0),
  ])
  return rows
}
