import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { post, ps, tags } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'], reply: 'ok', pullBytesPerSecond: 50e9 })
  await post(sim, '/api/create', {
    model: 'ollmchat-temp/llama3:ctx4096',
    from: 'llama3',
    parameters: { num_ctx: 4096 },
    stream: false,
  })
})
afterEach(async () => {
  await sim.close()
})

const fromLine = async (model: string) =>
  /\nFROM (\S+)\n/.exec(((await post(sim, '/api/show', { model })).json as { modelfile: string }).modelfile)?.[1]
const blobPath = (digest: string | undefined) => `/root/.ollama/models/blobs/${(digest ?? '').replace(':', '-')}`
const chat = (model: string) =>
  post(sim, '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false })

describe('repull with new weights', () => {
  it('moves the base to a new weights blob while the derived model keeps the old one', async () => {
    const before = sim.getModel('llama3')
    const derivedBefore = sim.getModel('ollmchat-temp/llama3:ctx4096')
    expect(derivedBefore?.weightsDigest).toBe(before?.weightsDigest)
    sim.repull('llama3', { newWeights: true })
    const after = sim.getModel('llama3')
    expect(after?.weightsDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(after?.weightsDigest).not.toBe(before?.weightsDigest)
    expect(after?.digest).not.toBe(before?.digest)
    expect(sim.getModel('ollmchat-temp/llama3:ctx4096')).toMatchObject({
      weightsDigest: before?.weightsDigest,
      digest: derivedBefore?.digest,
    })
    expect(await fromLine('llama3')).toBe(blobPath(after?.weightsDigest))
    expect(await fromLine('ollmchat-temp/llama3:ctx4096')).toBe(blobPath(before?.weightsDigest))
    expect((await tags(sim)).find((m) => m.name === 'llama3:latest')?.digest).toBe(after?.digest)
  })

  it('loads base and derived model as two runners even with the same num_ctx', async () => {
    sim.repull('llama3', { newWeights: true })
    await chat('llama3')
    await chat('ollmchat-temp/llama3:ctx4096')
    const entries = (await ps(sim)).map((m) => [m.name, m.context_length])
    expect(entries).toEqual(
      expect.arrayContaining([
        ['llama3:latest', 4096],
        ['ollmchat-temp/llama3:ctx4096', 4096],
      ]),
    )
    expect(entries).toHaveLength(2)
  })

  it('lets a runner loaded before the re-pull keep serving the derived model (it holds the old blob)', async () => {
    const runners = async () => (await ps(sim)).map((m) => `${m.name} ${m.digest} ${m.context_length}`)
    await chat('llama3')
    const old = await runners()
    sim.repull('llama3', { newWeights: true })
    await chat('ollmchat-temp/llama3:ctx4096')
    expect(await runners()).toEqual(old)
    await chat('llama3')
    expect(await ps(sim)).toHaveLength(2)
  })

  it('keeps the weights on a plain repull, and a later pull delivers the newest weights', async () => {
    const before = sim.getModel('llama3')?.weightsDigest
    sim.repull('llama3')
    expect(sim.getModel('llama3')?.weightsDigest).toBe(before)
    sim.repull('llama3', { newWeights: true })
    const newest = sim.getModel('llama3')?.weightsDigest
    sim.removeModel('llama3')
    expect((await post(sim, '/api/pull', { model: 'llama3', stream: false })).status).toBe(200)
    expect(sim.getModel('llama3')?.weightsDigest).toBe(newest)
  })
})
