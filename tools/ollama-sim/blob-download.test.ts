import { describe, expect, it } from 'vitest'
import { BlobDownload, planParts } from './blob-download'
import { BlobFiles } from './blob-files'
import type { PartialBlob } from './blob-files'
import { ModelStore } from './model-store'
import { noSpaceLeft } from './pull-errors'

const DIGEST = `sha256:${'ab'.repeat(32)}`
const MB = 1000 * 1000

function download(blobs: BlobFiles, partial: PartialBlob, bytesPerSecond = 4e9): BlobDownload {
  return new BlobDownload(partial, { blobs, bytesPerSecond: () => bytesPerSecond }, 0, () => {})
}

describe('planParts (blobDownload.Prepare)', () => {
  it('cuts a blob into total/16 parts of at least 100 MB and at most 1000 MB', () => {
    expect(planParts(50 * MB)).toEqual([{ offset: 0, size: 50 * MB, completed: 0, written: 0 }])
    expect(planParts(250 * MB).map((p) => p.size)).toEqual([100 * MB, 100 * MB, 50 * MB])
    const llama3 = planParts(4_661_211_808)
    expect(llama3).toHaveLength(16)
    expect(llama3[0]?.size).toBe(291_325_738)
    expect(llama3.reduce((sum, p) => sum + p.size, 0)).toBe(4_661_211_808)
    expect(planParts(20_000 * MB).map((p) => p.size)).toEqual(Array.from({ length: 20 }, () => 1000 * MB))
    expect(planParts(0)).toEqual([])
  })
})

describe('BlobDownload', () => {
  it('writes the blob at the given speed and turns the partial into a blob', async () => {
    const blobs = new BlobFiles(new ModelStore(() => Date.now()), 1000 * MB)
    const partial = { digest: DIGEST, parts: planParts(250 * MB) }
    blobs.keepPartial(partial)
    const started = performance.now()
    expect(await download(blobs, partial, 2e9).ended).toBeUndefined()
    expect(performance.now() - started).toBeGreaterThanOrEqual(100)
    expect(blobs.has(DIGEST)).toBe(true)
    expect(blobs.partialBytes(DIGEST)).toBe(0)
    expect(blobs.freeBytes).toBe(750 * MB)
  })

  it('fails the part that meets a full disk, rolls back its attempt, keeps the others, and resumes later', async () => {
    const blobs = new BlobFiles(new ModelStore(() => Date.now()), 150 * MB)
    const partial = { digest: DIGEST, parts: planParts(400 * MB) }
    blobs.keepPartial(partial)
    expect(await download(blobs, partial).ended).toBe(noSpaceLeft(DIGEST))
    expect(blobs.freeBytes).toBe(0)
    expect(partial.parts.reduce((sum, p) => sum + p.written, 0)).toBe(150 * MB)
    const cut = partial.parts.filter((p) => p.completed < p.written)
    expect(cut).toHaveLength(1)
    expect(cut[0]?.completed).toBe(0)
    expect(blobs.partialBytes(DIGEST)).toBe(150 * MB - (cut[0]?.written ?? 0))

    // Space freed: the cut part rewrites its blocks without taking more, so the rest needs 250 MB.
    blobs.freeBytes = 1000 * MB
    expect(await download(blobs, partial).ended).toBeUndefined()
    expect(blobs.freeBytes).toBe(750 * MB)
    expect(blobs.has(DIGEST)).toBe(true)
  })

  it('saves every part when the last waiter leaves, and moves nothing before the latency has passed', async () => {
    const blobs = new BlobFiles(new ModelStore(() => Date.now()), Number.POSITIVE_INFINITY)
    const partial = { digest: DIGEST, parts: planParts(400 * MB) }
    const slow = new BlobDownload(partial, { blobs, bytesPerSecond: () => 1e9 }, 50, () => {})
    slow.acquire()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(slow.completed()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const during = slow.completed()
    expect(during).toBeGreaterThan(0)
    slow.release()
    expect(await slow.ended).toBe('context canceled')
    expect(partial.parts.reduce((sum, p) => sum + p.completed, 0)).toBeGreaterThanOrEqual(during)
    expect(blobs.has(DIGEST)).toBe(false)
  })
})
