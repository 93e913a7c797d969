import { Ollama } from 'ollama'
import { describe, expect, it } from 'vitest'
import { post, streamUntil, tags, simPerTest } from './test-helpers'

const MB = 1000 * 1000
const start = simPerTest()

const TAIL = [{ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' }]
const linesOf = (lines: Record<string, unknown>[], digest: string | undefined) =>
  lines.filter((l) => l.digest === digest)

describe('POST /api/pull progress (images.go PullModel, download.go Wait)', () => {
  it('streams a line per 60 ms tick for a new blob, without completed until bytes flow, then verify, write, success', async () => {
    const s = await start({
      registry: [{ name: 'ticks:1b', sizeBytes: 300 * MB }],
      pullBytesPerSecond: 1e9,
      registryLatencyMs: 130,
    })
    const { lines, times } = await streamUntil(s, '/api/pull', { model: 'ticks:1b' })
    expect(lines[0]).toEqual({ status: 'pulling manifest' })
    expect(lines.slice(-3)).toEqual(TAIL)
    const weights = s.getModel('ticks:1b')?.weightsDigest ?? ''
    const progress = linesOf(lines, weights)
    for (const line of progress)
      expect(line).toMatchObject({ status: `pulling ${weights.slice(7, 19)}`, total: 300 * MB })
    expect(progress[0]).not.toHaveProperty('completed')
    const completed = progress.map((l) => Number(l.completed ?? 0))
    expect(completed).toEqual([...completed].sort((a, b) => a - b))
    expect(completed.at(-1)).toBeLessThanOrEqual(300 * MB)
    // 130 ms of requests and 300 ms of bytes at 1 GB/s: about seven ticks, each some 60 MB on.
    expect(progress.length).toBeGreaterThanOrEqual(4)
    expect(progress.length).toBeLessThanOrEqual(9)
    for (let i = 1; i < completed.length; i++)
      expect((completed[i] ?? 0) - (completed[i - 1] ?? 0)).toBeLessThanOrEqual(150 * MB)
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(380)
    // The small blobs (template, config) too start with a line that has no bytes yet: the latency outlasts a tick.
    const smallDigests = new Set(
      lines.filter((l) => l.digest !== undefined && l.digest !== weights).map((l) => l.digest),
    )
    expect(smallDigests.size).toBe(2)
    for (const digest of smallDigests) expect(linesOf(lines, String(digest))[0]).not.toHaveProperty('completed')
  })

  it('sends no line at all for a blob that downloads within the first tick', async () => {
    const s = await start({ registry: [{ name: 'quick:1b', sizeBytes: 200 * MB }] })
    const { lines } = await streamUntil(s, '/api/pull', { model: 'quick:1b' })
    const digests = new Set(lines.filter((l) => l.digest !== undefined).map((l) => l.digest))
    expect([...digests]).toEqual([s.getModel('quick:1b')?.weightsDigest])
    expect(lines.slice(-3)).toEqual(TAIL)
  })

  it('pulls an installed, current model as one completed line per blob and renews its modified_at', async () => {
    const s = await start({ models: ['qwen3:8b', 'llama3'] })
    const before = s.getModel('llama3')
    const answer = await post(s, '/api/pull', { model: 'LLAMA3' })
    expect(answer.lines[0]).toEqual({ status: 'pulling manifest' })
    const progress = answer.lines.slice(1, -3)
    expect(progress).toHaveLength(5)
    expect(progress[0]?.digest).toBe(before?.weightsDigest)
    for (const line of progress) {
      expect(line.status).toBe(`pulling ${String(line.digest).slice(7, 19)}`)
      expect(line.completed).toBe(line.total)
    }
    expect(answer.lines.slice(-3)).toEqual(TAIL)
    expect(s.getModel('llama3')?.digest).toBe(before?.digest)
    expect((await tags(s))[0]?.name).toBe('llama3:latest')
  })

  it('downloads what the registry changed, then removes the blobs no manifest uses any more', async () => {
    const spec = { name: 'moving:1b', sizeBytes: 100 * MB }
    const s = await start({ models: [spec], registry: [spec], diskFreeBytes: 1e9, pullBytesPerSecond: 5e8 })
    const oldWeights = s.getModel('moving:1b')?.weightsDigest ?? ''
    s.publish('moving:1b', { newWeights: true })
    expect(s.getModel('moving:1b')?.weightsDigest).toBe(oldWeights)
    const { lines } = await streamUntil(s, '/api/pull', { model: 'moving:1b' })
    const newWeights = s.getModel('moving:1b')?.weightsDigest ?? ''
    expect(newWeights).not.toBe(oldWeights)
    expect(linesOf(lines, newWeights).length).toBeGreaterThan(0)
    expect(lines.slice(-4).map((l) => l.status)).toEqual([
      'verifying sha256 digest',
      'writing manifest',
      'removing unused layers',
      'success',
    ])
    expect(s.hasBlob(oldWeights)).toBe(false)
    // The new weights took 100 MB, the old gave them back; only the config blobs differ, by a few bytes.
    expect(Math.abs(s.diskFreeBytes() - 1e9)).toBeLessThan(100)
  })

  it('keeps the old weights for a model derived from them', async () => {
    const spec = { name: 'based:1b', sizeBytes: 100 * MB }
    const s = await start({ models: [spec], registry: [spec], diskFreeBytes: 1e9 })
    const oldWeights = s.getModel('based:1b')?.weightsDigest ?? ''
    await post(s, '/api/create', {
      model: 'ollmchat-temp/based:ctx8192',
      from: 'based:1b',
      parameters: { num_ctx: 8192 },
      stream: false,
    })
    s.publish('based:1b', { newWeights: true })
    const { lines } = await streamUntil(s, '/api/pull', { model: 'based:1b' })
    expect(lines.map((l) => l.status)).toContain('removing unused layers')
    expect(s.hasBlob(oldWeights)).toBe(true)
    expect(s.diskFreeBytes()).toBeLessThan(1e9 - 99 * MB)
  })

  it('shares one download between two pulls of the same model; one leaving does not stop the other', async () => {
    const spec = { name: 'shared:1b', sizeBytes: 300 * MB }
    const s = await start({ registry: [spec], pullBytesPerSecond: 1e9, diskFreeBytes: 1e9 })
    const leaving = streamUntil(s, '/api/pull', { model: 'shared:1b' }, (line) => Number(line.completed ?? 0) > 0)
    const staying = streamUntil(s, '/api/pull', { model: 'shared:1b' })
    const [left, stayed] = await Promise.all([leaving, staying])
    expect(left.aborted).toBe(true)
    expect(stayed.lines.slice(-3)).toEqual(TAIL)
    const size = s.getModel('shared:1b')?.size ?? 0
    expect(s.diskFreeBytes()).toBe(1e9 - size)
  })

  it('answers stream:false with one success object (ollama-js)', async () => {
    const s = await start({ registry: ['gemma3:4b'], pullBytesPerSecond: 20e9 })
    const client = new Ollama({ host: s.url })
    expect(await client.pull({ model: 'gemma3:4b' })).toEqual({ status: 'success' })
    expect(s.requestsTo('/api/pull')[0]?.body).toMatchObject({ name: 'gemma3:4b', stream: false })
    expect((await tags(s))[0]?.name).toBe('gemma3:4b')
  })
})
