import { afterEach, describe, expect, it, vi } from 'vitest'
import { ok, type Result } from '../../src-shared/ipc/result'
import type { PullOutcome, PullProgress } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { newPull, pullSpeed, pullTotals, withPullProgress } from './pull-progress'
import { FINISHED_PULL_MS } from './pulls-slice'

afterEach(() => {
  vi.useRealTimers()
})

const line = (over: Partial<PullProgress>): PullProgress => ({
  requestId: 'r1',
  model: 'mistral:7b',
  status: 'pulling abc',
  completed: null,
  total: null,
  digest: null,
  ...over,
})

describe('a pull’s numbers', () => {
  it('sums the layers seen, keyed by digest, and knows the total only once Ollama moves past the layers', () => {
    let pull = newPull('r1', 'mistral:7b', true)
    pull = withPullProgress(pull, line({ status: 'pulling manifest' }), 0)
    expect(pullTotals(pull)).toEqual({ done: 0, total: 0, final: false, percent: null })
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 100, total: 400 }), 1)
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 300, total: 400 }), 2)
    pull = withPullProgress(pull, line({ digest: 'sha256:b', completed: 50, total: 100 }), 3)
    expect(pullTotals(pull)).toEqual({ done: 350, total: 500, final: false, percent: 70 })
    pull = withPullProgress(pull, line({ status: 'verifying sha256 digest' }), 4)
    expect(pullTotals(pull).final).toBe(true)
  })

  it('measures speed over the last few seconds, not counting a resumed layer’s bytes already on disk', () => {
    let pull = newPull('r1', 'mistral:7b', true)
    // Resumed: 3 GB were there before; the first line about the layer is no download speed.
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 3e9, total: 4e9 }), 0)
    expect(pullSpeed(pull)).toBeNull()
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 3.1e9, total: 4e9 }), 1000)
    expect(pullSpeed(pull)).toBe(1e8)
    // Much later, only the recent past counts.
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 3.2e9, total: 4e9 }), 20_000)
    pull = withPullProgress(pull, line({ digest: 'sha256:a', completed: 3.25e9, total: 4e9 }), 21_000)
    expect(pullSpeed(pull)).toBe(5e7)
  })
})

describe('the pulls in the store', () => {
  it('adopt a pull another window started from its progress, and end it on Ollama’s last line', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    harness.fake.emit('models:pullProgress', line({ digest: 'sha256:a', completed: 1, total: 2 }))
    expect(harness.store.getState().pulls.map((pull) => [pull.model, pull.own, pull.phase])).toEqual([['mistral:7b', false, 'running']])
    harness.fake.emit('models:pullProgress', line({ status: 'success' }))
    expect(harness.store.getState().pulls[0]?.phase).toBe('done')
    // The core's own last line of a cancelled pull.
    harness.fake.emit('models:pullProgress', line({ requestId: 'r2', model: 'qwen3:8b', status: 'pulling manifest' }))
    harness.fake.emit('models:pullProgress', line({ requestId: 'r2', model: 'qwen3:8b', status: 'cancelled' }))
    expect(harness.store.getState().pulls[1]?.phase).toBe('cancelled')
  })

  it('end an adopted pull that no longer runs: done when the model is installed, else stopped', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:activePulls', () =>
      ok({ pulls: [line({ requestId: 'r1' }), line({ requestId: 'r2', model: 'qwen3:8b' })] }),
    )
    await bootApp(harness.store)
    expect(harness.store.getState().pulls).toHaveLength(2)
    harness.fake.handle('models:activePulls', () => ok({ pulls: [] }))
    harness.fake.emit('models:changed', { models: [makeModel({ name: 'mistral:7b' })], defaultModel: 'mistral:7b' })
    await vi.waitFor(() =>
      expect(harness.store.getState().pulls.map((pull) => pull.phase)).toEqual(['done', 'stopped']),
    )
  })

  it('let a finished pull say so for a moment, then drop it; late progress does not bring it back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const harness = createStoreHarness()
    const answer = deferred<Result<PullOutcome>>()
    harness.fake.handle('models:pull', () => answer.promise)
    const requestId = harness.store.getState().startPull('llama3.2:3b')
    answer.resolve(ok({ model: 'llama3.2:3b', cancelled: false }))
    await vi.waitFor(() => expect(harness.store.getState().pulls[0]?.phase).toBe('done'))
    vi.advanceTimersByTime(FINISHED_PULL_MS)
    expect(harness.store.getState().pulls).toEqual([])
    harness.fake.emit('models:pullProgress', line({ requestId, model: 'llama3.2:3b' }))
    expect(harness.store.getState().pulls).toEqual([])
  })
})
