// The numbers under a pull's bar once every byte is in: 100 %, and no speed or time left (nothing flows any more,
// so the last speed measured would be stale while Ollama verifies a big model).
import { describe, expect, it } from 'vitest'
import type { PullProgress } from '../../../src-shared/types'
import {
  newPull,
  pullLayersDone,
  pullSecondsLeft,
  pullSpeed,
  pullTotals,
  withPullProgress,
  type Pull,
} from '../../store/pull-progress'
import { LOCAL_HOST } from '../../test-support/fixtures'
import { pullNumbersText } from './pull-text'

const line = (over: Partial<PullProgress>): PullProgress => ({
  requestId: 'r1',
  model: 'mistral:7b',
  host: LOCAL_HOST,
  status: 'pulling aaa',
  completed: null,
  total: null,
  digest: null,
  ...over,
})
const big = (completed: number, at: number) => [line({ digest: 'sha256:aaa', completed, total: 4e9 }), at] as const
const small = (completed: number, at: number) =>
  [line({ status: 'pulling bbb', digest: 'sha256:bbb', completed, total: 1e6 }), at] as const

const fold = (steps: (readonly [PullProgress, number])[]): Pull =>
  steps.reduce(
    (pull, [progress, at]) => withPullProgress(pull, progress, at),
    newPull('r1', 'mistral:7b', true, LOCAL_HOST),
  )

describe('a pull’s bar and numbers', () => {
  it('show the speed and time left while bytes flow', () => {
    const pull = fold([big(0, 0), big(1e9, 1000)])
    expect(pullLayersDone(pull)).toBe(false)
    expect(pullTotals(pull).percent).toBe(25)
    expect(pullNumbersText(pull)).toBe('25 % · 1.0 GB of at least 4.0 GB · 1.0 GB/s · at least 3 s left')
  })

  it('show 100 % and no speed once Ollama moved past the layers, though the last lines fell short of their totals', () => {
    // Ollama's last line about a layer comes up to 60 ms before it finishes, and none comes after.
    const pull = fold([
      big(0, 0),
      big(3.9e9, 1000),
      small(5e5, 1100),
      [line({ status: 'verifying sha256 digest' }), 1200],
    ])
    expect(pullTotals(pull)).toEqual({ done: 4.001e9, total: 4.001e9, final: true, percent: 100 })
    expect([pullSpeed(pull), pullSecondsLeft(pull)]).toEqual([null, null])
    expect(pullNumbersText(pull)).toBe('100 % · 4.0 GB of 4.0 GB')
    for (const status of ['writing manifest', 'success']) {
      expect(pullNumbersText(withPullProgress(pull, line({ status }), 1300))).toBe('100 % · 4.0 GB of 4.0 GB')
    }
  })

  it('show 100 % and no speed while every layer seen is complete', () => {
    const pull = fold([big(0, 0), big(3e9, 1000), big(4e9, 1500), small(1e6, 1600)])
    expect(pullLayersDone(pull)).toBe(true)
    expect(pullNumbersText(pull)).toBe('100 % · 4.0 GB of at least 4.0 GB')
  })
})
