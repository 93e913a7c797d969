import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_REGISTRY, startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { post, ps, tags } from './test-helpers'

let sim: OllamaSim

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['all-minilm', 'nomic-embed-text', 'bge-m3', 'llama3'] })
})
afterEach(async () => {
  await sim.close()
})

const user = [{ role: 'user', content: 'hi' }]

describe('embedding models', () => {
  it('refuse chat with the model name as sent, %q-quoted, before any load', async () => {
    expect(await post(sim, '/api/chat', { model: 'All-MiniLM', messages: user })).toMatchObject({
      status: 400,
      json: { error: '"All-MiniLM" does not support chat' },
    })
    expect(await post(sim, '/api/chat', { model: 'bge-m3:latest', messages: [] })).toMatchObject({
      status: 400,
      json: { error: '"bge-m3:latest" does not support chat' },
    })
    expect(await ps(sim)).toEqual([])
  })

  it('refuse generate with "does not support generate"', async () => {
    expect(await post(sim, '/api/generate', { model: 'nomic-embed-text', prompt: 'hi', stream: false })).toMatchObject({
      status: 400,
      json: { error: '"nomic-embed-text" does not support generate' },
    })
    expect(await post(sim, '/api/generate', { model: 'nomic-embed-text' })).toMatchObject({ status: 400 })
  })

  it('check the capability after thinking and before the option types, as ChatHandler → scheduleRunner does', async () => {
    expect(await post(sim, '/api/chat', { model: 'all-minilm', messages: user, think: true })).toMatchObject({
      status: 400,
      json: { error: '"all-minilm" does not support thinking' },
    })
    expect(
      await post(sim, '/api/chat', { model: 'all-minilm', messages: user, options: { num_ctx: 'big' } }),
    ).toMatchObject({
      status: 400,
      json: { error: '"all-minilm" does not support chat' },
    })
  })

  it('still answer an unload request', async () => {
    expect((await post(sim, '/api/chat', { model: 'all-minilm', messages: [], keep_alive: 0 })).json).toMatchObject({
      done_reason: 'unload',
    })
  })

  it('list their capabilities and details in /api/tags and /api/show', async () => {
    const listed = Object.fromEntries((await tags(sim)).map((m) => [m.name, m]))
    expect(listed['all-minilm:latest']).toMatchObject({
      capabilities: ['embedding'],
      details: { family: 'bert', context_length: 512 },
    })
    expect(listed['nomic-embed-text:latest']).toMatchObject({
      capabilities: ['embedding'],
      details: { family: 'nomic-bert', context_length: 2048 },
    })
    expect(listed['bge-m3:latest']).toMatchObject({
      capabilities: ['embedding'],
      details: { family: 'bert', context_length: 8192 },
    })
    expect(listed['all-minilm:latest']?.size).toBeLessThan(50_000_000)
    expect(listed['bge-m3:latest']?.size).toBeGreaterThan(1_000_000_000)
    expect((await post(sim, '/api/show', { model: 'bge-m3' })).json).toMatchObject({ capabilities: ['embedding'] })
  })

  it('are on the default registry', async () => {
    expect(DEFAULT_REGISTRY).toEqual(
      expect.arrayContaining(['all-minilm', 'nomic-embed-text', 'bge-m3', 'deepseek-v2:16b']),
    )
    const other = await startOllamaSim()
    try {
      expect((await post(other, '/api/pull', { model: 'all-minilm', stream: false })).json).toEqual({
        status: 'success',
      })
      expect(other.getModel('all-minilm')?.capabilities).toEqual(['embedding'])
    } finally {
      await other.close()
    }
  })
})
