// A window reloaded mid-pull draws the same bar as one that watched from the start: `models:activePulls` gives
// the latest line of every layer, then the pull's latest line.
import { describe, expect, it } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import type { PullProgress } from '../../src-shared/types'
import { LOCAL_HOST } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { pullTotals } from './pull-progress'

const line = (status: string, layer?: { digest: string; completed: number; total: number }): PullProgress => ({
  requestId: 'r1',
  model: 'mistral:7b',
  host: LOCAL_HOST,
  status,
  completed: layer?.completed ?? null,
  total: layer?.total ?? null,
  digest: layer?.digest ?? null,
})
const a = (completed: number) => line('pulling aaa', { digest: 'sha256:aaa', completed, total: 4000 })
const b = (completed: number) => line('pulling bbb', { digest: 'sha256:bbb', completed, total: 100 })

async function watched(events: PullProgress[]) {
  const harness = createStoreHarness()
  await bootApp(harness.store)
  for (const progress of events) harness.fake.emit('models:pullProgress', progress)
  return harness.store.getState().pulls[0]
}

async function reloaded(active: PullProgress[]) {
  const harness = createStoreHarness()
  harness.fake.handle('models:activePulls', () => ok({ pulls: active }))
  await bootApp(harness.store)
  return harness.store.getState().pulls[0]
}

describe('a pull restored after a reload', () => {
  it.each([
    ['mid-pull', [line('pulling manifest'), a(1000), a(3990), b(20), b(60)], [a(3990), b(60)]],
    [
      'while Ollama verifies',
      [a(1000), a(3990), b(90), line('verifying sha256 digest')],
      [a(3990), b(90), line('verifying sha256 digest')],
    ],
  ])('shows the same totals and status as a window that watched: %s', async (_when, events, active) => {
    const seen = await watched(events)
    const restored = await reloaded(active)
    expect(restored?.status).toBe(seen?.status)
    expect(restored && pullTotals(restored)).toEqual(seen && pullTotals(seen))
    expect(restored?.received).toBe(0)
  })
})
