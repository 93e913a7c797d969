import { describe, expect, it } from 'vitest'
import { post, streamUntil, simPerTest } from './test-helpers'

const MB = 1000 * 1000
const start = simPerTest()

const DNS_FAILURE =
  'pull model manifest: Get "https://registry.ollama.ai/v2/library/llama3.2/manifests/3b": dial tcp: lookup registry.ollama.ai: no such host'

describe('pull failures before any download', () => {
  it('rejects an invalid name with 400 before any line', async () => {
    const s = await start({})
    expect(await post(s, '/api/pull', { model: 'bad name' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
    expect(await post(s, '/api/pull', { model: 'a/b/c/d' })).toMatchObject({
      status: 400,
      json: { error: 'invalid model name' },
    })
    expect(await post(s, '/api/pull', {})).toMatchObject({ status: 400, json: { error: 'invalid model name' } })
  })

  it('answers a model the registry lacks with an error line after pulling manifest, or 500 when not streaming', async () => {
    const s = await start({})
    expect((await post(s, '/api/pull', { model: 'nope' })).lines).toEqual([
      { status: 'pulling manifest' },
      { error: 'pull model manifest: file does not exist' },
    ])
    expect(await post(s, '/api/pull', { model: 'nope', stream: false })).toMatchObject({
      status: 500,
      json: { error: 'pull model manifest: file does not exist' },
    })
  })

  it("relays Go's DNS error when the registry cannot be reached, for installed models too", async () => {
    const s = await start({ models: ['llama3'], registryStatus: 'offline' })
    expect((await post(s, '/api/pull', { model: 'llama3.2:3b' })).lines).toEqual([
      { status: 'pulling manifest' },
      { error: DNS_FAILURE },
    ])
    expect(await post(s, '/api/pull', { model: 'llama3.2:3b', stream: false })).toMatchObject({
      status: 500,
      json: { error: DNS_FAILURE },
    })
    const installed = await post(s, '/api/pull', { model: 'llama3' })
    expect(installed.lines.at(-1)?.error).toMatch(
      /^pull model manifest: Get "https:\/\/registry\.ollama\.ai\/v2\/library\/llama3\/manifests\/latest": dial tcp/,
    )
    const other = await post(s, '/api/pull', { model: 'hf.co/User/Repo:Q4_K_M' })
    expect(other.lines.at(-1)).toEqual({
      error:
        'pull model manifest: Get "https://hf.co/v2/User/Repo/manifests/Q4_K_M": dial tcp: lookup hf.co: no such host',
    })
    expect(s.hasModel('llama3.2:3b')).toBe(false)
  })

  it('fails an implicit pull of /api/create the same way, and works again once online', async () => {
    const s = await start({ registryStatus: 'offline', pullBytesPerSecond: 20e9 })
    const create = await post(s, '/api/create', { model: 'x', from: 'llama3.2:3b' })
    expect(create).toMatchObject({ status: 200, lines: [{ status: 'pulling manifest' }, { error: DNS_FAILURE }] })
    s.configure({ registryStatus: 'online' })
    expect((await post(s, '/api/pull', { model: 'llama3.2:3b', stream: false })).json).toEqual({ status: 'success' })
  })
})

describe('a disk that fills up (download.go: ENOSPC ends the download at once)', () => {
  const SPEC = { name: 'large:1b', sizeBytes: 400 * MB }
  const noSpace = (digest: string) =>
    `write /root/.ollama/models/blobs/${digest.replace(':', '-')}-partial: no space left on device`

  it('streams progress, then the write error; freeing space lets the next pull resume', async () => {
    const s = await start({ registry: [SPEC], pullBytesPerSecond: 1e9, diskFreeBytes: 150 * MB })
    const first = await streamUntil(s, '/api/pull', { model: 'large:1b' })
    const digest = String(first.lines.find((l) => l.digest !== undefined)?.digest)
    expect(first.lines.at(-1)).toEqual({ error: noSpace(digest) })
    expect(first.lines.filter((l) => l.digest === digest).length).toBeGreaterThan(0)
    expect(s.hasModel('large:1b')).toBe(false)
    expect(s.diskFreeBytes()).toBe(0)
    const kept = s.partialBytes(digest)
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThan(150 * MB)

    s.configure({ diskFreeBytes: 1000 * MB })
    const second = await streamUntil(s, '/api/pull', { model: 'large:1b' })
    expect(second.lines.at(-1)).toEqual({ status: 'success' })
    // 150 MB were already on disk (written, even where a part's progress was lost): the rest took what remained.
    const size = s.getModel('large:1b')?.size ?? 0
    expect(s.diskFreeBytes()).toBe(1000 * MB - (size - 150 * MB))
  })

  it('fails at the first write on a full disk, with HTTP 500 when not streaming', async () => {
    const s = await start({ registry: [SPEC], diskFreeBytes: 0 })
    const answer = await post(s, '/api/pull', { model: 'large:1b', stream: false })
    expect(answer.status).toBe(500)
    expect((answer.json as { error: string }).error).toMatch(
      /^write \/root\/\.ollama\/models\/blobs\/sha256-[0-9a-f]{64}-partial: no space left on device$/,
    )
  })
})
