import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, lastReply, modelPicker } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'
import { chatBodies } from '../fixtures/sim-helpers'

const optionsButton = (page: Page) => page.getByRole('button', { name: /^Options/ })

test('options, thinking and system prompt presets reach the model, and the reply follows them', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  await modelPicker(page).selectOption('qwen3:8b')
  sim.setReply('Bonjour. STOP-HERE and the rest of the reply.')
  await chat(page, 'Hello')
  expect(chatBodies(sim).at(-1)).not.toHaveProperty('think')
  await expect(lastReply(page)).toContainText('the rest of the reply')

  // Temperature, a stop sequence and thinking off; a bad value is refused with a sentence before anything is sent.
  await optionsButton(page).click()
  const dialog = page.getByRole('dialog', { name: 'Conversation options' })
  await expect(dialog.getByRole('combobox', { name: 'Thinking' })).toBeFocused()
  await dialog.getByRole('textbox', { name: 'Temperature' }).fill('5')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByText('Temperature must be a number from 0 to 2.')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Temperature' }).fill('0.3')
  await dialog.getByRole('textbox', { name: 'Stop sequences' }).fill('STOP-HERE')
  await dialog.getByRole('combobox', { name: 'Thinking' }).selectOption({ label: 'Off' })
  await captureAll(page, testInfo, 'conversation-options')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(optionsButton(page)).toBeFocused()
  await expect(optionsButton(page)).toHaveAccessibleName('Options (changed from the model’s own)')

  await chat(page, 'Again')
  const sent = chatBodies(sim).at(-1) as unknown as Record<string, unknown>
  expect(sent.options).toEqual({ temperature: 0.3, stop: ['STOP-HERE'] })
  expect(sent.think).toBe(false)
  await expect(lastReply(page)).toContainText('Bonjour.')
  await expect(lastReply(page)).not.toContainText('the rest of the reply')
  await expect(lastReply(page).getByText(/^Thought for|^Thinking/)).toHaveCount(0)

  // Esc closes and gives focus back; the saved values come back in the fields.
  await optionsButton(page).click()
  await expect(dialog.getByRole('textbox', { name: 'Temperature' })).toHaveValue('0.3')
  await page.keyboard.press('Escape')
  await expect(optionsButton(page)).toBeFocused()

  // A preset: saved from the system prompt panel, then picked in a fresh panel.
  await page.getByRole('button', { name: 'System prompt' }).click()
  const prompt = page.getByRole('dialog', { name: 'System prompt' })
  await prompt.getByRole('textbox', { name: 'System prompt for this conversation' }).fill('Answer in French.')
  await prompt.getByRole('textbox', { name: /preset named/ }).fill('French')
  await prompt.getByRole('button', { name: 'Save as preset' }).click()
  await expect(prompt.getByText('Saved “French” as a preset.')).toBeVisible()
  await prompt.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'System prompt' }).click()
  await prompt.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'French' })
  await expect(prompt.getByRole('textbox', { name: 'System prompt for this conversation' })).toHaveValue(
    'Answer in French.',
  )
  await captureAll(page, testInfo, 'system-prompt-presets')
  await prompt.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(prompt).toBeHidden()

  await chat(page, 'Once more')
  expect(chatBodies(sim).at(-1)?.messages[0]).toEqual({ role: 'system', content: 'Answer in French.' })
})
