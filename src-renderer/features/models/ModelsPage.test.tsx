import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok } from '../../../src-shared/ipc/result'
import type { ModelInfo } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(cleanup)

const llama = makeModel({ name: 'llama3:latest', trainedContext: 8192, runningContext: 4096, sizeBytes: 4_661_224_676 })
const cloud = makeModel({ name: 'gpt-oss:120b-cloud', isCloud: true })

async function modelsPage(models: ModelInfo[] = [llama, cloud]) {
  const fake = createFakeBridge()
  fake.handle('models:list', () =>
    ok({ models: [...models, makeModel({ name: 'ollmchat-temp/llama3-4k:latest' })], defaultModel: null }),
  )
  fake.handle('models:setNumCtx', ({ model, numCtx }) =>
    ok({ model: { ...(models.find((m) => m.name === model) ?? llama), customNumCtx: numCtx } }),
  )
  const app = await renderApp(fake)
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  return { fake, app }
}

describe('the Models page', () => {
  it('lists installed models with their facts, never a temporary one', async () => {
    await modelsPage()
    const cards = screen.getAllByRole('listitem').filter((item) => item.classList.contains('model-card'))
    expect(cards.map((card) => card.getAttribute('aria-label'))).toEqual(['llama3:latest', 'gpt-oss:120b-cloud'])
    const card = within(cards[0]!)
    expect(card.getByText('4.7 GB')).toBeTruthy()
    expect(card.getByText('8K')).toBeTruthy()
    expect(card.getByText('running with 4K')).toBeTruthy()
    expect(card.getByText('Q4_K_M')).toBeTruthy()
    expect(screen.queryByText(/ollmchat-temp/)).toBeNull()
  })

  it.each(['abc', '100', '16K', '4096.5', ''])('refuses %j inline and does not save it', async (typed) => {
    const { fake, app } = await modelsPage()
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    if (typed !== '') await app.user.type(input, typed)
    await app.user.type(input, '{Enter}')
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toMatch(/context length/i)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)
    expect(fake.callsTo('models:setNumCtx')).toHaveLength(0)
  })

  it('saves a valid value on Enter and says when it applies', async () => {
    const { fake, app } = await modelsPage()
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    await app.user.type(input, '4k{Enter}')
    await waitFor(() => expect(fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: 4096 }]))
    expect(await screen.findByText('Saved: 4K. Used from your next message.')).toBeTruthy()
    expect(screen.getByText('4K · custom')).toBeTruthy()
  })

  it('offers the usual steps up to the trained context', async () => {
    await modelsPage()
    const input = screen.getByRole('combobox', { name: 'Context length for llama3:latest' })
    const list = document.getElementById(input.getAttribute('list') ?? '')
    expect([...(list?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual(['2K', '4K', '8K'])
  })

  it('resets to the default with null', async () => {
    const { fake, app } = await modelsPage([{ ...llama, customNumCtx: 4096 }])
    await app.user.click(screen.getByRole('button', { name: 'Reset to default' }))
    await waitFor(() => expect(fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: null }]))
    expect(await screen.findByText('Back to the default. Used from your next message.')).toBeTruthy()
  })

  it('shows main’s refusal inline', async () => {
    const { fake, app } = await modelsPage()
    fake.handle('models:setNumCtx', () => fail('INVALID_NUM_CTX', 'The context length can be at most 8,192 tokens.'))
    await app.user.type(screen.getByRole('combobox', { name: 'Context length for llama3:latest' }), '8192{Enter}')
    expect((await screen.findByRole('alert')).textContent).toBe('The context length can be at most 8,192 tokens.')
  })

  it('disables the input for cloud models and says why', async () => {
    await modelsPage()
    const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Context length for gpt-oss:120b-cloud' })
    expect(input.disabled).toBe(true)
    const help = document.getElementById(input.getAttribute('aria-describedby') ?? '')
    expect(help?.textContent).toContain('Cloud models run on ollama.com')
  })
})
