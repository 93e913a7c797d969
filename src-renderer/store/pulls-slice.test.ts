import { afterEach, describe, expect, it, vi } from 'vitest'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import type { PullOutcome, PullProgress } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { LOCAL_HOST, makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { FINISHED_PULL_MS } from './pull-bookkeeping'
import { newPull, pullSpeed, pullTotals, withPullProgress } from './pull-progress'
import { selectRunningPullOf } from './pulls-slice'

afterEach(() => {
  vi.useRealTimers()
})

const line = (over: Partial<PullProgress>): PullProgress => ({
  requestId: 'r1',
  model: 'mistral:7b',
  host: LOCAL_HOST,
  status: 'pulling abc',
  completed: null,
  total: null,
  digest: null,
  ...over,
})

describe('a pull’s numbers', () => {
  it('sums the layers seen, keyed by digest, and knows the total only once Ollama moves past the layers', () => {
    let pull = newPull('r1', 'mistral:7b', true, LOCAL_HOST)
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
    let pull = newPull('r1', 'mistral:7b', true, LOCAL_HOST)
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

const phases = (harness: ReturnType<typeof createStoreHarness>) =>
  harness.store.getState().pulls.map((pull) => [pull.requestId, pull.phase, pull.error?.message ?? null])

describe('the pulls in the store', () => {
  it('adopt a pull another window started from its progress, and end it as models:pullEnded says, not on a status', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    harness.fake.emit('models:pullProgress', line({ digest: 'sha256:a', completed: 1, total: 2 }))
    expect(harness.store.getState().pulls.map((pull) => [pull.model, pull.own, pull.phase])).toEqual([
      ['mistral:7b', false, 'running'],
    ])
    // Ollama's last line is no end: only the event says how the pull ended.
    harness.fake.emit('models:pullProgress', line({ status: 'success' }))
    expect(harness.store.getState().pulls[0]?.phase).toBe('running')
    harness.fake.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'complete',
      error: null,
    })
    for (const requestId of ['r2', 'r3'])
      harness.fake.emit('models:pullProgress', line({ requestId, model: 'qwen3:8b' }))
    harness.fake.emit('models:pullEnded', {
      requestId: 'r2',
      model: 'qwen3:8b',
      host: LOCAL_HOST,
      outcome: 'cancelled',
      error: null,
    })
    const error = { code: 'OLLAMA_ERROR' as const, message: 'There is not enough free disk space for qwen3:8b.' }
    harness.fake.emit('models:pullEnded', {
      requestId: 'r3',
      model: 'qwen3:8b',
      host: LOCAL_HOST,
      outcome: 'failed',
      error,
    })
    expect(phases(harness)).toEqual([
      ['r1', 'done', null],
      ['r2', 'cancelled', null],
      ['r3', 'failed', error.message],
    ])
  })

  it('show how a pull ended that ended before this window saw it, and a late activePulls answer does not revive it', async () => {
    const harness = createStoreHarness()
    const active = deferred<Result<{ pulls: PullProgress[] }>>()
    harness.fake.handle('models:activePulls', () => active.promise)
    const booted = bootApp(harness.store)
    const error = { code: 'MODEL_NOT_FOUND' as const, message: 'The Ollama library has no model "mistral:7b".' }
    harness.fake.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'failed',
      error,
    })
    active.resolve(ok({ pulls: [line({ requestId: 'r1' })] }))
    await booted
    expect(phases(harness)).toEqual([['r1', 'failed', error.message]])
    // Dismissed here, a repeated event does not bring it back.
    harness.store.getState().dismissPull('r1')
    harness.fake.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'failed',
      error,
    })
    expect(harness.store.getState().pulls).toEqual([])
  })

  it('take the first word on a pull started here: the event, or its models:pull answer, whichever comes first', async () => {
    const harness = createStoreHarness()
    const answer = deferred<Result<PullOutcome>>()
    harness.fake.handle('models:pull', () => answer.promise)
    const requestId = harness.store.getState().startPull('llama3.2:3b')
    harness.fake.emit('models:pullEnded', {
      requestId,
      model: 'llama3.2:3b',
      host: LOCAL_HOST,
      outcome: 'cancelled',
      error: null,
    })
    expect(harness.store.getState().pulls[0]?.phase).toBe('cancelled')
    // E.g. browser mode's server went away after sending the event: the answer that follows changes nothing.
    answer.resolve(fail('INTERNAL', 'The ollmchat server is not answering. Is it still running?'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(phases(harness)).toEqual([[requestId, 'cancelled', null]])
  })

  it('keep a cancelled adopted pull cancelling until the event says it stopped', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:activePulls', () => ok({ pulls: [line({ requestId: 'r1' })] }))
    harness.fake.handle('models:cancelPull', () => ok({ cancelled: true }))
    await bootApp(harness.store)
    await harness.store.getState().cancelPull('r1')
    expect(harness.store.getState().pulls[0]?.phase).toBe('cancelling')
    harness.fake.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'cancelled',
      error: null,
    })
    expect(harness.store.getState().pulls[0]?.phase).toBe('cancelled')
  })

  it('mark an adopted pull gone from activePulls without an event as stopped, until a late event says how it ended', async () => {
    const harness = createStoreHarness()
    harness.fake.handle('models:activePulls', () =>
      ok({ pulls: [line({ requestId: 'r1' }), line({ requestId: 'r2', model: 'qwen3:8b' })] }),
    )
    await bootApp(harness.store)
    expect(harness.store.getState().pulls).toHaveLength(2)
    harness.fake.handle('models:activePulls', () => ok({ pulls: [] }))
    // Installed now, yet still `stopped`: it may have been a re-pull that was cancelled.
    harness.fake.emit('models:changed', { models: [makeModel({ name: 'mistral:7b' })], defaultModel: 'mistral:7b' })
    await vi.waitFor(() =>
      expect(harness.store.getState().pulls.map((pull) => pull.phase)).toEqual(['stopped', 'stopped']),
    )
    harness.fake.emit('models:pullEnded', {
      requestId: 'r1',
      model: 'mistral:7b',
      host: LOCAL_HOST,
      outcome: 'complete',
      error: null,
    })
    expect(harness.store.getState().pulls.map((pull) => pull.phase)).toEqual(['done', 'stopped'])
  })

  it('know the host each pull runs on, and count only those on the host in use as running there', async () => {
    const harness = createStoreHarness()
    await bootApp(harness.store)
    const other = 'http://192.168.1.20:11434'
    harness.fake.handle('models:pull', () => new Promise<never>(() => {}))
    // Started here: the host in use, until main's first line says.
    const requestId = harness.store.getState().startPull('llama3.2:3b')
    expect(harness.store.getState().pulls[0]?.host).toBe(LOCAL_HOST)
    harness.fake.emit('models:pullProgress', line({ requestId, model: 'llama3.2:3b', host: other }))
    harness.fake.emit('models:pullEnded', {
      requestId: 'r2',
      model: 'qwen3:8b',
      host: other,
      outcome: 'cancelled',
      error: null,
    })
    expect(harness.store.getState().pulls.map((pull) => [pull.requestId, pull.host])).toEqual([
      [requestId, other],
      ['r2', other],
    ])
    // Running on another host: the same model may be pulled on this one (main runs one pull per model and host).
    expect(selectRunningPullOf('llama3.2:3b')(harness.store.getState())).toBeUndefined()
    harness.store.setState({ settings: { ...harness.store.getState().settings, ollamaHost: `${other}/` } })
    expect(selectRunningPullOf('llama3.2:3b')(harness.store.getState())?.requestId).toBe(requestId)
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
