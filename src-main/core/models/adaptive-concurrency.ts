/** The range an `AdaptiveConcurrency` moves in, and where it starts. */
export interface ConcurrencyBounds {
  /** Never fewer in flight (at least 1: the pass always moves). */
  floor: number
  /** Never more in flight. */
  ceiling: number
  initial: number
}

/**
 * The clean-up's deletes: start at 4 (the fixed number before, and the baseline's), never under 1, never over 16.
 * The ceiling keeps the pass to a handful of sockets and Ollama goroutines (each delete also rereads every
 * manifest, `server/routes.go` `DeleteHandler` → `RemoveLayers`); 16 in flight already hide a 20 ms round trip
 * (800 deletes a second).
 */
export const DELETE_CONCURRENCY: ConcurrencyBounds = { floor: 1, ceiling: 16, initial: 4 }

/** A window's median above `factor × baseline + slack` means requests queue (at the server, or in this process). */
const CONGESTION_FACTOR = 2
/** Under a few milliseconds, round trips vary with timers and garbage collection more than with load. */
const CONGESTION_SLACK_MS = 2

const medianOf = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * How many calls to keep in flight, adapted to their round-trip time by AIMD (additive increase, multiplicative
 * decrease, as TCP does with its window; the delay signal is Vegas's). Calls are judged a window at a time: one
 * window is as many finished calls as the limit (at least 4), its signal the median round trip, which single slow
 * calls (a timer late, a garbage collection) do not move. The baseline is the least window median of the
 * pass so far: what a call costs without queueing, network latency included. A window within twice the
 * baseline (plus 2 ms) means there was room: the limit grows by one. A slower window means calls now queue: the
 * limit halves. A failed call halves it at once (at most once per window).
 *
 * Why: with a distant or slow Ollama (latency, not load) every call waits the same, so more in flight finish more
 * per second (Little's law) and the limit climbs to the ceiling; with Ollama (or this process) busy, more in
 * flight only lengthen the queue, the round trips rise and pull the limit back. A window still too slow at the
 * floor means the server became slower for good: its median becomes the new baseline, so the limit can grow again
 * instead of staying pinned at the floor. (A baseline forgotten with time instead lets it creep up through each
 * cycle, and the limit with it.) The baseline is learnt where the limit starts, which is why it starts low (4).
 */
export class AdaptiveConcurrency {
  private value: number
  private window: number[] = []
  private callsThisWindow = 0
  private baseline = Number.POSITIVE_INFINITY
  private failedThisWindow = false

  constructor(readonly bounds: ConcurrencyBounds = DELETE_CONCURRENCY) {
    if (!(bounds.floor >= 1 && bounds.floor <= bounds.initial && bounds.initial <= bounds.ceiling)) {
      throw new RangeError(`concurrency bounds need 1 ≤ floor ≤ initial ≤ ceiling: ${JSON.stringify(bounds)}`)
    }
    this.value = bounds.initial
  }

  /** Calls to keep in flight now. */
  get limit(): number {
    return this.value
  }

  /** Tells one finished call: its round trip, and whether it failed. */
  record(rttMs: number, failed = false): void {
    if (failed && !this.failedThisWindow) {
      this.failedThisWindow = true
      this.value = Math.max(this.bounds.floor, Math.floor(this.value / 2))
    }
    if (!failed) this.window.push(rttMs)
    if (++this.callsThisWindow < Math.max(4, this.value)) return
    const median = this.window.length === 0 ? null : medianOf(this.window)
    this.window = []
    this.callsThisWindow = 0
    if (!this.failedThisWindow && median !== null) {
      this.baseline = Math.min(this.baseline, median)
      const congested = median > this.baseline * CONGESTION_FACTOR + CONGESTION_SLACK_MS
      if (!congested) this.value = Math.min(this.bounds.ceiling, this.value + 1)
      else if (this.value > this.bounds.floor) this.value = Math.max(this.bounds.floor, Math.floor(this.value / 2))
      else this.baseline = median
    }
    this.failedThisWindow = false
  }
}
