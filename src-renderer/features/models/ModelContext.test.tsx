import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok, type Result } from '../../../src-shared/ipc/result'
import type { MemoryEstimate, ModelInfo } from '../../../src-shared/types'
import { createFakeBridge, deferred } from '../../test-support/fake-bridge'
import { makeModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

async function modelsPage(models: ModelInfo[]) {
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: null }))
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  return app
}

const card = (name: string) => within(screen.getByRole('listitem', { name }))
const estimate = (over: Partial<MemoryEstimate> = {}): MemoryEstimate => ({
  weightsBytes: 4_700_000_000,
  kvCacheBytes: 1_200_000_000,
  totalBytes: 5_900_000_000,
  gpuBytes: null,
  ...over,
})

describe('models that cannot chat', () => {
  it('are listed, tagged as embedding models, and have no context setting', async () => {
    const embed = makeModel({ name: 'nomic-embed-text:latest', canChat: false, capabilities: ['embedding'] })
    await modelsPage([makeModel({ name: 'llama3:latest' }), embed])
    const embedding = card('nomic-embed-text:latest')
    expect(embedding.getByText('Embedding model')).toBeTruthy()
    expect(embedding.getByText(/This model makes embeddings .* and cannot chat/)).toBeTruthy()
    expect(embedding.queryByRole('combobox')).toBeNull()
    expect(embedding.queryByText(/Context for new messages/)).toBeNull()
    expect(card('llama3:latest').getByRole('combobox', { name: 'Context length for llama3:latest' })).toBeTruthy()
  })
})

it('starts a vision model’s context at 2K and refuses less', async () => {
  const app = await modelsPage([makeModel({ name: 'llava:latest', capabilities: ['completion', 'vision'] })])
  const input = screen.getByRole('combobox', { name: 'Context length for llava:latest' })
  expect(card('llava:latest').getByText(/^From 2K up to 128K tokens/)).toBeTruthy()
  await app.user.type(input, '1024{Enter}')
  expect(screen.getByRole('alert').textContent).toBe(
    'The context length must be at least 2,048 tokens: Ollama runs vision models with at least that much.',
  )
  expect(app.fake.callsTo('models:setNumCtx')).toHaveLength(0)
})

describe('the context a model gets when nobody sets one', () => {
  it('says what Ollama chose, or that it likely chooses that', async () => {
    await modelsPage([
      makeModel({ name: 'llama3:latest', automaticContext: { tokens: 32768, basis: 'seen' } }),
      makeModel({ name: 'qwen3:8b', automaticContext: { tokens: 32768, basis: 'inferred' } }),
    ])
    expect(card('llama3:latest').getByText('32K · chosen by Ollama')).toBeTruthy()
    expect(card('qwen3:8b').getByText('likely 32K · Ollama’s choice')).toBeTruthy()
  })

  it('explains how Ollama chooses while the number is unknown', async () => {
    await modelsPage([makeModel({ name: 'mistral:latest' })])
    const model = card('mistral:latest')
    expect(model.getByText('auto')).toBeTruthy()
    expect(
      model.getByText(/OLLAMA_CONTEXT_LENGTH if it is set, else 4K, 32K or 256K depending on the GPU’s total memory/),
    ).toBeTruthy()
  })

  it('warns when the value typed is lower than what Ollama would choose', async () => {
    const app = await modelsPage([
      makeModel({ name: 'llama3:latest', automaticContext: { tokens: 32768, basis: 'seen' } }),
    ])
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    await app.user.type(input, '8K')
    const warning = screen.getByText('Ollama would run llama3 with 32K on its own: 8K lowers it.')
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(warning.id)
    await app.user.clear(input)
    await app.user.type(input, '32K')
    expect(screen.queryByText(/lowers it/)).toBeNull()
  })

  it('warns about a saved value too', async () => {
    await modelsPage([
      makeModel({ name: 'llama3:latest', customNumCtx: 4096, automaticContext: { tokens: 32768, basis: 'inferred' } }),
    ])
    expect(screen.getByText('Ollama would likely run llama3 with 32K on its own: 4K lowers it.')).toBeTruthy()
  })
})

describe('memory', () => {
  it('estimates the memory of the value typed, once typing pauses', async () => {
    const app = await modelsPage([makeModel({ name: 'llama3:latest' })])
    app.fake.handle('models:estimateMemory', () => ok(estimate()))
    // "1638" on the way is valid too: asking only after the pause asks once, for what was meant.
    await app.user.type(screen.getByRole('combobox', { name: 'Context length for llama3:latest' }), '16384')
    expect(await screen.findByText('About 5.9 GB at 16K: 4.7 GB weights + 1.2 GB context cache')).toBeTruthy()
    expect(app.fake.callsTo('models:estimateMemory')).toEqual([{ model: 'llama3:latest', numCtx: 16384 }])
  })

  it('says part would run on the CPU when it is more than the GPU holds', async () => {
    const app = await modelsPage([makeModel({ name: 'llama3:latest' })])
    app.fake.handle('models:estimateMemory', () => ok(estimate({ gpuBytes: 4_000_000_000 })))
    await app.user.type(screen.getByRole('combobox', { name: 'Context length for llama3:latest' }), '16K')
    expect(await screen.findByText(/so part would run on the CPU \(slower\)\.$/)).toBeTruthy()
  })

  it('ignores an answer for a value no longer typed', async () => {
    const app = await modelsPage([makeModel({ name: 'llama3:latest' })])
    const slow = deferred<Result<MemoryEstimate>>()
    app.fake.handle('models:estimateMemory', ({ numCtx }) => (numCtx === 8192 ? slow.promise : ok(estimate())))
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    await app.user.type(input, '8K')
    await waitFor(() => expect(app.fake.callsTo('models:estimateMemory')).toHaveLength(1))
    await app.user.clear(input)
    await app.user.type(input, '16K')
    expect(await screen.findByText(/^About 5.9 GB at 16K/)).toBeTruthy()
    slow.resolve(ok(estimate({ totalBytes: 5_000_000_000 })))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByText(/at 8K/)).toBeNull()
    expect(screen.getByText(/^About 5.9 GB at 16K/)).toBeTruthy()
  })

  it('shows nothing when the core cannot estimate, and nothing for an invalid value', async () => {
    const app = await modelsPage([makeModel({ name: 'llama3:latest' })])
    app.fake.handle('models:estimateMemory', () => fail('NOT_APPLICABLE', 'ollmchat does not know this architecture.'))
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    await app.user.type(input, '16K')
    await waitFor(() => expect(app.fake.callsTo('models:estimateMemory')).toHaveLength(1))
    expect(screen.queryByText(/About/)).toBeNull()
    expect(screen.queryByText(/architecture/)).toBeNull()
    await app.user.type(input, 'x')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(app.fake.callsTo('models:estimateMemory')).toHaveLength(1)
  })

  it('shows a loaded model’s real memory and how much runs on the CPU', async () => {
    await modelsPage([
      makeModel({
        name: 'llama3:latest',
        runningContext: 8192,
        runningMemory: { sizeBytes: 5_900_000_000, vramBytes: 5_900_000_000, unloadsAt: null },
      }),
      makeModel({
        name: 'qwen3:8b',
        runningContext: 32768,
        runningMemory: { sizeBytes: 10_000_000_000, vramBytes: 7_000_000_000, unloadsAt: null },
      }),
    ])
    expect(card('llama3:latest').getByText('Loaded: 5.9 GB, all on the GPU')).toBeTruthy()
    expect(
      card('qwen3:8b').getByText('Loaded: 10.0 GB — 30 % of this model runs on the CPU at this context (slower)'),
    ).toBeTruthy()
  })
})
