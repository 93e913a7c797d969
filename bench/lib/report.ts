import { cpus } from 'node:os'
import type { Comparison } from './compare'
import { pairedRatios, spreadOf, type Spread } from './stats'

/** How one metric of a comparison is shown. */
export interface MetricSpec<M extends string> {
  key: M
  /** Row label, unit included: `time to first token (ms)`. */
  label: string
}

/** Rounds to a precision that suits the magnitude: 1234 → `1234`, 12.34 → `12.3`, 1.234 → `1.23`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (Number.isInteger(value)) return String(value)
  const magnitude = Math.abs(value)
  if (magnitude >= 100) return value.toFixed(0)
  if (magnitude >= 10) return value.toFixed(1)
  if (magnitude >= 0.1) return value.toFixed(2)
  return value.toPrecision(2)
}

const withRange = (spread: Spread) =>
  spread.min === spread.max
    ? formatNumber(spread.median)
    : `${formatNumber(spread.median)} (${formatNumber(spread.min)}–${formatNumber(spread.max)})`

const ratioCell = (value: number) => (Number.isFinite(value) ? `${formatNumber(value)}×` : '–')

/** The column titles `comparisonRows` fills. */
export const COMPARISON_HEADERS = [
  'metric',
  'ours: median (min–max)',
  'baseline: median (min–max)',
  'ours/baseline',
  'ratio range',
  'rounds',
]

/**
 * One table row per metric: absolute medians with their range, then the median and range of the per-round
 * ratios ours / baseline (paired by round, see `pairedRatios`).
 */
export function comparisonRows<M extends string>(
  comparison: Comparison<M>,
  specs: readonly MetricSpec<M>[],
): string[][] {
  return specs.map(({ key, label }) => {
    const ours = spreadOf(comparison.ours[key])
    const baseline = spreadOf(comparison.baseline[key])
    const ratio = spreadOf(pairedRatios(comparison.ours[key], comparison.baseline[key]))
    const range = ratio.min === ratio.max ? ratioCell(ratio.min) : `${ratioCell(ratio.min)}–${ratioCell(ratio.max)}`
    return [label, withRange(ours), withRange(baseline), ratioCell(ratio.median), range, String(ours.count)]
  })
}

/** A Markdown table with padded columns (readable in a terminal, pasteable into the README). */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

/** What a benchmark prints before it starts: what is compared, on what, and how to read the ratio. */
export interface BenchHeader {
  title: string
  ours: string
  baseline: string
  setup: readonly string[]
}

/** Prints the header every benchmark starts with. */
export function printHeader(header: BenchHeader): void {
  const lines = [
    '',
    `## ${header.title}`,
    '',
    `ours:     ${header.ours}`,
    `baseline: ${header.baseline}`,
    ...header.setup.map((line) => `setup:    ${line}`),
    'read:     ratio = ours / baseline, per round (rounds interleaved, order alternating), then median and',
    '          range over rounds; below 1× ours is smaller (faster, fewer); absolutes are medians (min–max).',
    '',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

/** One line naming the machine, for tables that get pasted elsewhere. */
export function machineLine(): string {
  const cores = cpus()
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, Node ${process.version}, ${process.platform}`
}
