import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { goToPage, modelPicker } from '../fixtures/chat-page'
import { createDerived } from '../fixtures/sim-helpers'

/** Temporary models in the spellings Ollama may list them in: plain, tagged with a hash, shouting, host-qualified. */
const PLANTED_TEMPS = [
  'ollmchat-temp/llama3-oc4096',
  'ollmchat-temp/qwen3-oc16384:8b-0123456789abcdef',
  'OLLMCHAT-TEMP/Shouty-oc8192',
  'registry.ollama.ai/ollmchat-temp/hosted-oc2048',
]
/** The namespace on another registry: pulled from there, never made by ollmchat, so it is a model like any other. */
const ELSEWHERE = 'example.com/ollmchat-temp/elsewhere-oc2048'

const modelsPageNames = (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 })

/** A picker entry: the model's name, a dash, then its effective context. */
const optionLabel = (name: string) => new RegExp(`^${name.replace(/[.]/g, '\\.')} — `)

test('temporary models appear neither in the model picker nor on the Models page', async ({ app, sim }) => {
  const { page } = app
  // Planted after the start-up clean-up, which would otherwise delete the unused ones before anyone looks.
  await app.cleanupFinished()
  sim.addModel('mistral:7b')
  // Looks like the namespace but is not it: a person's own model that must stay visible.
  sim.addModel('ollmchat-tempo')
  for (const name of PLANTED_TEMPS) sim.addModel(name)
  sim.addModel(ELSEWHERE)
  await createDerived(sim, 'ollmchat-temp/llama3-oc2048', 'llama3:latest', 2048)
  expect(sim.listModelNames().filter((name) => /ollmchat-temp\//i.test(name))).toHaveLength(PLANTED_TEMPS.length + 2)
  await page.reload()

  const expected = [`${ELSEWHERE}:latest`, 'llama3:latest', 'mistral:7b', 'ollmchat-tempo:latest', 'qwen3:8b']
  await expect(modelPicker(page).getByRole('option')).toHaveText(expected.map(optionLabel))
  await goToPage(page, 'Models')
  await expect(modelsPageNames(page)).toHaveText(expected)

  // More turn up while the app runs (another ollmchat, or a chat elsewhere); Refresh must not show them either.
  sim.addModel('ollmchat-temp/mistral-oc8192:7b-fedcba9876543210')
  sim.addModel('Ollmchat-Temp/mixed-oc4096:latest')
  await createDerived(sim, 'ollmchat-temp/qwen3-oc8192:8b-0123456789abcdef', 'qwen3:8b', 8192)
  sim.addModel('gemma3:4b')
  await page.getByRole('button', { name: 'Refresh' }).click()
  const withGemma = [`${ELSEWHERE}:latest`, 'gemma3:4b', ...expected.slice(1)]
  await expect(modelsPageNames(page)).toHaveText(withGemma)
  await goToPage(page, 'Chats')
  await expect(modelPicker(page).getByRole('option')).toHaveText(withGemma.map(optionLabel))

  // The core's own answer is what the page shows, and every temporary model is still in Ollama.
  const listed = (await app.call('models:list')).models.map((model) => model.name)
  expect(listed).toEqual(withGemma)
  expect(sim.listModelNames().filter((name) => /ollmchat-temp\//i.test(name))).toHaveLength(PLANTED_TEMPS.length + 5)
})

test('the Models page shows family, parameters, quantisation, size and trained context', async ({ app, sim }) => {
  const { page } = app
  await goToPage(page, 'Models')
  await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible()
  await expect(page.getByText(`Installed in Ollama at ${sim.url}.`)).toBeVisible()

  const facts = async (name: string) => {
    const card = page.getByRole('listitem', { name })
    await expect(card.getByRole('term')).toHaveText([
      'Family',
      'Parameters',
      'Quantisation',
      'Size on disk',
      'Trained context',
    ])
    return card.getByRole('definition')
  }
  await expect(await facts('llama3:latest')).toHaveText(['llama', '8.0B', 'Q4_0', '4.7 GB', '8K'])
  await expect(await facts('qwen3:8b')).toHaveText(['qwen3', '8.2B', 'Q4_K_M', '5.2 GB', '40K'])
  await expect(
    page.getByRole('listitem', { name: 'llama3:latest' }).getByText('Context for new messages:'),
  ).toContainText('auto')

  expect(sim.getModel('llama3')?.size).toBeGreaterThan(4_650_000_000)
  const shown = new Set(sim.requestsTo('/api/show', 'POST').map((request) => (request.body as { model: string }).model))
  expect([...shown].sort()).toEqual(['llama3:latest', 'qwen3:8b'])
})
