// The time slicer: one turn of the event loop per used-up slice, however many loops share it. The clock is faked.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countTurns } from '../test-support/event-loop-turns'
import { timeSlicer } from './time-slice'

let clock = 0
afterEach(() => {
  vi.restoreAllMocks()
})

describe('timeSlicer', () => {
  it('gives no turn while the slice lasts, and one once it is used up', async () => {
    clock = 0
    vi.spyOn(performance, 'now').mockImplementation(() => clock)
    const pause = timeSlicer(10)
    const turns = countTurns()
    clock = 9
    await pause()
    const before = turns.now()
    clock = 10
    await pause()
    const after = turns.now()
    turns.stop()
    expect(before).toBe(0)
    expect(after).toBeGreaterThan(before)
  })

  it('gives workers that share it one slice after their common turn, not one slice each', async () => {
    clock = 0
    vi.spyOn(performance, 'now').mockImplementation(() => clock)
    const pause = timeSlicer(10)
    clock = 20
    const turns = countTurns()
    const workTurns: number[] = []
    // Four workers of one map find the slice used up, then each does 6 ms of work once they go on.
    const worker = async () => {
      await pause()
      clock += 6
      await pause()
      workTurns.push(turns.now())
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    turns.stop()
    // 24 ms of work after the turn: the slice of 10 ms runs out after the second worker, so the last two get another turn.
    const firstTurn = Math.min(...workTurns)
    expect(workTurns.filter((turn) => turn === firstTurn).length).toBeLessThanOrEqual(2)
  })
})
