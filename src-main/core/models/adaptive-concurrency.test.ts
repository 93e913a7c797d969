// The clean-up's adaptive number of deletes in flight: grows while round trips hold, halves when they rise, stays in bounds.
import { describe, expect, it } from 'vitest'
import { AdaptiveConcurrency, DELETE_CONCURRENCY } from './adaptive-concurrency'
import { mapBounded } from './bounded'

const feed = (limit: AdaptiveConcurrency, rttMs: (i: number) => number, count: number) => {
  const seen: number[] = []
  for (let i = 0; i < count; i++) {
    limit.record(rttMs(i))
    seen.push(limit.limit)
  }
  return seen
}

describe('AdaptiveConcurrency', () => {
  it('starts at 4 and climbs to the ceiling, never past it, while round trips stay the same (latency, not load)', () => {
    const limit = new AdaptiveConcurrency()
    expect(limit.limit).toBe(DELETE_CONCURRENCY.initial)
    const seen = feed(limit, () => 20, 1_000)
    expect(Math.max(...seen)).toBe(DELETE_CONCURRENCY.ceiling)
    expect(seen.at(-1)).toBe(DELETE_CONCURRENCY.ceiling)
  })

  it('backs off when round trips rise with the number in flight (a server that does 4 at a time), within its bounds', () => {
    const limit = new AdaptiveConcurrency()
    // Queueing: past 4 in flight each call waits for those ahead of it, so the round trip grows with the limit.
    const seen = feed(limit, () => 5 * Math.max(1, limit.limit / 4), 1_000)
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(DELETE_CONCURRENCY.floor)
    expect(Math.max(...seen)).toBeLessThanOrEqual(10)
    expect(seen.slice(100)).toContain(5)
  })

  it('never goes below the floor, however often calls fail', () => {
    const limit = new AdaptiveConcurrency({ floor: 2, ceiling: 16, initial: 16 })
    for (let i = 0; i < 100; i++) limit.record(10, true)
    expect(limit.limit).toBe(2)
  })

  it('settles on a new baseline when the server became slower for good, and grows again', () => {
    const limit = new AdaptiveConcurrency()
    const seen = feed(limit, (i) => (i < 40 ? 5 : 50), 2_000)
    expect(seen.at(-1)).toBe(DELETE_CONCURRENCY.ceiling)
  })

  it('halves at once on a failure, once per window', () => {
    const limit = new AdaptiveConcurrency({ floor: 1, ceiling: 16, initial: 16 })
    limit.record(10, true)
    limit.record(10, true)
    expect(limit.limit).toBe(8)
  })

  it('refuses bounds that do not nest', () => {
    expect(() => new AdaptiveConcurrency({ floor: 0, ceiling: 4, initial: 2 })).toThrow(RangeError)
    expect(() => new AdaptiveConcurrency({ floor: 4, ceiling: 8, initial: 2 })).toThrow(RangeError)
  })
})

describe('mapBounded with a changing limit', () => {
  it('never has more calls in flight than the limit read when each call starts, and keeps input order', async () => {
    let limit = 1
    let inFlight = 0
    const overLimit: number[] = []
    const results = await mapBounded(
      Array.from({ length: 40 }, (_, i) => i),
      () => limit,
      async (item) => {
        inFlight++
        if (inFlight > limit) overLimit.push(item)
        await new Promise((resolve) => setImmediate(resolve))
        inFlight--
        limit = item < 20 ? Math.min(limit + 1, 6) : Math.max(limit - 1, 1)
        return item * 2
      },
    )
    expect(overLimit).toEqual([])
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2))
  })

  it('rejects with the first failure after the calls already started have settled', async () => {
    const settled: number[] = []
    const run = mapBounded([1, 2, 3, 4], 2, async (item) => {
      await new Promise((resolve) => setImmediate(resolve))
      settled.push(item)
      if (item === 1) throw new Error('first')
      return item
    })
    await expect(run).rejects.toThrow('first')
    expect(settled).toEqual([1, 2])
  })
})
