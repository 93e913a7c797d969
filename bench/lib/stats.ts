/** Order statistics of a sample; every function leaves its input untouched and returns NaN for an empty one. */

const sorted = (values: readonly number[]): number[] => values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)

/** The `q`-quantile (0..1) by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  const s = sorted(values)
  if (s.length === 0) return Number.NaN
  const position = (s.length - 1) * Math.min(Math.max(q, 0), 1)
  const below = Math.floor(position)
  const low = s[below] ?? Number.NaN
  const high = s[Math.min(below + 1, s.length - 1)] ?? low
  return low + (high - low) * (position - below)
}

/** The median (the mean of the two middle values for an even count). */
export const median = (values: readonly number[]): number => quantile(values, 0.5)

/** Median, smallest and largest value: what a table cell shows. */
export interface Spread {
  median: number
  min: number
  max: number
  count: number
}

/** Summarises a sample as its median and full range; NaN entries (undefined ratios) are ignored. */
export function spreadOf(values: readonly number[]): Spread {
  const s = sorted(values)
  return { median: median(s), min: s[0] ?? Number.NaN, max: s.at(-1) ?? Number.NaN, count: s.length }
}

/**
 * Paired ratios `ours[i] / baseline[i]`, one per round. Pairing keeps a round's shared noise (another process
 * taking a core for a second) out of the ratio. A pair whose baseline is 0 has no ratio (NaN).
 */
export function pairedRatios(ours: readonly number[], baseline: readonly number[]): number[] {
  const count = Math.min(ours.length, baseline.length)
  const ratios: number[] = []
  for (let i = 0; i < count; i++) {
    const a = ours[i] ?? Number.NaN
    const b = baseline[i] ?? Number.NaN
    ratios.push(b === 0 ? (a === 0 ? 1 : Number.NaN) : a / b)
  }
  return ratios
}
