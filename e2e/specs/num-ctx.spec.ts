import type { Page } from '@playwright/test'
import { expect, test, type AppHandle } from '../fixtures/app'
import {
  chat,
  goToPage,
  lastReply,
  messageRegion,
  modelPicker,
  sendMessage,
  startNewChat,
  waitForReplyEnd,
} from '../fixtures/chat-page'
import { chatBodies } from '../fixtures/sim-helpers'

const TEMP = 'ollmchat-temp/llama3-oc4096'

const modelCard = (page: Page, name: string) => page.getByRole('listitem', { name })
const contextField = (page: Page, name: string) => page.getByRole('combobox', { name: `Context length for ${name}` })

/** Types a context length for llama3 on the Models page and presses its Save button. */
async function submitContext(page: Page, value: string): Promise<void> {
  const card = modelCard(page, 'llama3:latest')
  await contextField(page, 'llama3:latest').fill(value)
  await card.getByRole('button', { name: 'Save' }).click()
}

async function setLlamaContext(page: Page, value: string, label: string): Promise<void> {
  await goToPage(page, 'Models')
  await submitContext(page, value)
  const card = modelCard(page, 'llama3:latest')
  await expect(card.getByRole('status')).toHaveText(`Saved: ${label}. Used from your next message.`)
  await expect(card.getByText('Context for new messages:')).toContainText(`${label} · custom`)
}

/** The `num_ctx` settings the core has stored, keyed by canonical model name. */
async function storedModelOptions(app: AppHandle) {
  return (await app.call('settings:get')).modelOptions
}

test('a custom num_ctx is served through one temporary model, and the picker shows it', async ({ app, sim }) => {
  const { page } = app
  await setLlamaContext(page, '4096', '4K')
  expect(Object.values(await storedModelOptions(app))).toEqual([{ numCtx: 4096 }])
  expect(sim.requestsTo('/api/create')).toHaveLength(0)

  await goToPage(page, 'Chats')
  await startNewChat(page)
  await expect(modelPicker(page)).toHaveValue('llama3:latest')
  await expect(modelPicker(page).locator('option:checked')).toHaveText('llama3:latest — 4K · custom')
  await expect(page.getByText('4K · custom', { exact: true })).toBeVisible()

  sim.setReply('Short answer.')
  // A slow Ollama makes the preparation visible: an honest status line, not a bare spinner.
  sim.faults.latency(400)
  await sendMessage(page, 'Hello with a smaller context')
  await expect(messageRegion(page).getByText('Preparing llama3 with a 4K context…')).toBeVisible()
  await waitForReplyEnd(page)
  sim.faults.latency(0)
  await chat(page, 'And once more')
  await expect(lastReply(page)).toContainText('4K context')

  const creates = sim.requestsTo('/api/create', 'POST')
  expect(creates).toHaveLength(1)
  expect(creates[0]?.body).toMatchObject({ model: TEMP, from: 'llama3:latest', parameters: { num_ctx: 4096 } })
  expect(chatBodies(sim).map((body) => body.model)).toEqual([TEMP, TEMP])
  expect(sim.getModel(TEMP)?.parameters).toMatchObject({ num_ctx: 4096 })

  // The temporary model exists in Ollama now, and still appears nowhere.
  await goToPage(page, 'Models')
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('listitem', { name: /ollmchat-temp\//i })).toHaveCount(0)
  await expect(modelCard(page, 'llama3:latest')).toBeVisible()
})

test('invalid context lengths are refused with a message and nothing is saved', async ({ app, sim }) => {
  const { page } = app
  await goToPage(page, 'Models')
  const card = modelCard(page, 'llama3:latest')
  const refusals: Array<[string, string]> = [
    ['100000', 'The context length can be at most 8,192 tokens, the longest context this model was trained for.'],
    ['abc', 'The context length must be a number of tokens.'],
    ['0', 'The context length must be at least 512 tokens.'],
    ['12.5', 'The context length must be a whole number.'],
  ]
  for (const [value, message] of refusals) {
    await submitContext(page, value)
    await expect(card.getByRole('alert')).toHaveText(message)
    await expect(contextField(page, 'llama3:latest')).toHaveAttribute('aria-invalid', 'true')
    await expect(card.getByRole('status')).toHaveCount(0)
  }
  await expect(card.getByText('Context for new messages:')).toContainText('auto')
  await expect(card.getByRole('button', { name: 'Reset to default' })).toHaveCount(0)
  expect(app.rpcCalls).not.toContain('models:setNumCtx')
  expect(await storedModelOptions(app)).toEqual({})

  await goToPage(page, 'Chats')
  await expect(modelPicker(page).locator('option:checked')).toHaveText('llama3:latest — auto')
  await chat(page, 'Plain context please')
  expect(sim.requestsTo('/api/create')).toHaveLength(0)
  expect(chatBodies(sim)).toMatchObject([{ model: 'llama3:latest' }])
  expect(chatBodies(sim)[0]?.options?.num_ctx).toBeUndefined()
})

test('Reset to default forgets the setting; the next chat goes to the model itself', async ({ app, sim }) => {
  const { page } = app
  await setLlamaContext(page, '2K', '2K')
  expect(Object.values(await storedModelOptions(app))).toEqual([{ numCtx: 2048 }])

  const card = modelCard(page, 'llama3:latest')
  await card.getByRole('button', { name: 'Reset to default' }).click()
  await expect(card.getByRole('status')).toHaveText('Back to the default. Used from your next message.')
  await expect(card.getByText('Context for new messages:')).toContainText('auto')
  await expect(contextField(page, 'llama3:latest')).toHaveValue('')
  expect(await storedModelOptions(app)).toEqual({})

  await goToPage(page, 'Chats')
  await expect(modelPicker(page).locator('option:checked')).toHaveText('llama3:latest — auto')
  await chat(page, 'Back to normal')
  expect(sim.requestsTo('/api/create')).toHaveLength(0)
  expect(chatBodies(sim).map((body) => [body.model, body.options?.num_ctx])).toEqual([['llama3:latest', undefined]])
})

test('when the temporary model cannot be created, the reply falls back to the base with options.num_ctx', async ({
  app,
  sim,
}) => {
  const { page } = app
  await setLlamaContext(page, '4096', '4K')
  await goToPage(page, 'Chats')
  sim.setReply('Fallback answer.')
  sim.faults.failNext('/api/create', 500, 'no space left on device')
  await chat(page, 'Does the fallback work?')

  await expect(
    messageRegion(page).getByText(/^Could not prepare llama3 with a 4K context \(.*no space left on device.*\)\./),
  ).toBeVisible()
  await expect(messageRegion(page)).toContainText(
    'This reply uses llama3 directly and asks Ollama for a 4K context with the request instead.',
  )
  await expect(lastReply(page)).toContainText('Fallback answer.')
  expect(sim.requestsTo('/api/create', 'POST')).toHaveLength(1)
  expect(chatBodies(sim)).toMatchObject([{ model: 'llama3:latest', options: { num_ctx: 4096 } }])
  expect(sim.hasModel(TEMP)).toBe(false)

  // The notice is part of the conversation: it is still there after a reload.
  await page.reload()
  await expect(messageRegion(page).getByText(/^Could not prepare llama3 with a 4K context/)).toBeVisible()
})
