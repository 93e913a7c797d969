/** One measured run of a variant: metric name → value (milliseconds, counts…). */
export type Sample<M extends string> = Record<M, number>

/** Every round's sample of both variants, in round order, so round `i` of ours pairs with round `i` of baseline. */
export interface Comparison<M extends string> {
  metrics: readonly M[]
  ours: Record<M, number[]>
  baseline: Record<M, number[]>
}

/** What `compareInterleaved` runs. */
export interface InterleavedOptions<M extends string> {
  metrics: readonly M[]
  /** Measured rounds; each runs both variants once. */
  rounds: number
  /** Rounds run first and thrown away (JIT, SQLite page cache, connection pools). */
  warmupRounds?: number
  ours(): Promise<Sample<M>>
  baseline(): Promise<Sample<M>>
  /** Called after each measured round, e.g. to print progress. */
  onRound?(round: number): void
}

const emptyColumns = <M extends string>(metrics: readonly M[]) =>
  Object.fromEntries(metrics.map((metric) => [metric, [] as number[]])) as Record<M, number[]>

/**
 * Runs ours and the baseline in the same process, alternating which goes first each round (ABBA order), so
 * drift over time (a warming cache, a neighbour's load on a 2-core machine) hits both sides alike. Variants run
 * one after the other, never concurrently.
 */
export async function compareInterleaved<M extends string>(options: InterleavedOptions<M>): Promise<Comparison<M>> {
  const result: Comparison<M> = {
    metrics: options.metrics,
    ours: emptyColumns(options.metrics),
    baseline: emptyColumns(options.metrics),
  }
  const warmup = options.warmupRounds ?? 1
  for (let round = 0; round < warmup + options.rounds; round++) {
    const oursFirst = round % 2 === 0
    const first = oursFirst ? await options.ours() : await options.baseline()
    const second = oursFirst ? await options.baseline() : await options.ours()
    if (round < warmup) continue
    const [ours, baseline] = oursFirst ? [first, second] : [second, first]
    for (const metric of options.metrics) {
      result.ours[metric].push(ours[metric])
      result.baseline[metric].push(baseline[metric])
    }
    options.onRound?.(round - warmup + 1)
  }
  return result
}
