import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { streamUntil, tags } from './test-helpers'

const MB = 1000 * 1000
const SPEC = { name: 'resumable:1b', sizeBytes: 400 * MB }
let sim: OllamaSim

beforeEach(async () => {
  // 100 ms of latency puts a tick before any byte of each download, so a resumed blob's first line shows what was kept.
  sim = await startOllamaSim({ registry: [SPEC], pullBytesPerSecond: 1e9, registryLatencyMs: 100, diskFreeBytes: 10e9 })
})
afterEach(async () => {
  await sim.close()
})

const weightsOf = (lines: Record<string, unknown>[]) => String(lines.find((l) => l.digest !== undefined)?.digest)

describe('a pull stopped by its client (download.go: parts saved, resumed from the -partial files)', () => {
  it('keeps the bytes downloaded so far, and the next pull starts that layer there', async () => {
    const first = await streamUntil(
      sim,
      '/api/pull',
      { model: 'resumable:1b' },
      (line) => Number(line.completed ?? 0) >= 100 * MB,
    )
    expect(first.aborted).toBe(true)
    const digest = weightsOf(first.lines)
    const seen = Number(first.lines.at(-1)?.completed)
    await vi.waitFor(() => expect(sim.partialBytes(digest)).toBeGreaterThanOrEqual(seen))
    const kept = sim.partialBytes(digest)
    expect(kept).toBeLessThan(400 * MB)
    expect(sim.hasModel('resumable:1b')).toBe(false)
    expect(sim.hasBlob(digest)).toBe(false)
    expect((await tags(sim)).map((m) => m.name)).toEqual([])

    const second = await streamUntil(sim, '/api/pull', { model: 'resumable:1b' })
    const progress = second.lines.filter((l) => l.digest === digest)
    expect(progress[0]).toMatchObject({ total: 400 * MB, completed: kept })
    expect(progress.every((l) => Number(l.completed) >= kept)).toBe(true)
    expect(second.lines.at(-1)).toEqual({ status: 'success' })
    expect(sim.partialBytes(digest)).toBe(0)
    // Every byte was downloaded once: the resumed pull fetched only what was missing.
    expect(sim.diskFreeBytes()).toBe(10e9 - (sim.getModel('resumable:1b')?.size ?? 0))
  })

  it('keeps them too when a non-streamed pull is abandoned', async () => {
    // The same spec installed elsewhere names the blob before this simulator has it.
    const reference = await startOllamaSim({ models: [SPEC] })
    const digest = reference.getModel('resumable:1b')?.weightsDigest ?? ''
    await reference.close()
    const controller = new AbortController()
    const body = JSON.stringify({ model: 'resumable:1b', stream: false })
    const pending = fetch(`${sim.url}/api/pull`, { method: 'POST', body, signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 250))
    controller.abort()
    await expect(pending).rejects.toThrow()
    await vi.waitFor(() => expect(sim.partialBytes(digest)).toBeGreaterThan(0))
    const kept = sim.partialBytes(digest)
    const second = await streamUntil(sim, '/api/pull', { model: 'resumable:1b' })
    expect(second.lines.find((l) => l.digest === digest)).toMatchObject({ completed: kept })
    expect(second.lines.at(-1)).toEqual({ status: 'success' })
  })

  it('keeps a blob that finished before the client left: the next pull finds it present', async () => {
    const first = await streamUntil(sim, '/api/pull', { model: 'resumable:1b' }, (line, lines) => {
      const weights = weightsOf(lines)
      return line.digest !== undefined && line.digest !== weights
    })
    const weights = weightsOf(first.lines)
    await vi.waitFor(() => expect(sim.hasBlob(weights)).toBe(true))
    const second = await streamUntil(sim, '/api/pull', { model: 'resumable:1b' })
    expect(second.lines.filter((l) => l.digest === weights)).toEqual([
      { status: `pulling ${weights.slice(7, 19)}`, digest: weights, total: 400 * MB, completed: 400 * MB },
    ])
  })
})
