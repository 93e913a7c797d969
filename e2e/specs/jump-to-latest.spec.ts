// Scrolled up in a long conversation, or while a reply streams, a "Jump to latest" button brings the reader back
// to the newest message (by mouse or keyboard), and from there the list follows the stream again.
import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { composer, conversationList, lastReply, messageRegion } from '../fixtures/chat-page'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { captureAll } from '../fixtures/screenshots'

const TITLE = 'A long talk'
const LAST_WORD = 'finalmarkerword'
// Long enough (about 1,400 tokens at 30 ms) to be still streaming through every step below; stopped at the end.
const LONG_REPLY = Array.from({ length: 200 }, (_, i) => `Line ${i + 1} of a long streamed answer.`).join('\n\n')

test.use({
  beforeAppStart: {
    seed: (dataDir) =>
      void seedLongConversations(join(dataDir, 'history.sqlite'), [
        { title: TITLE, messages: 400, plant: [{ index: 399, text: LAST_WORD }] },
      ]),
  },
  simOptions: { models: ['llama3'], tokenDelayMs: 30, reply: LONG_REPLY },
})

const jumpButton = (page: Page) => messageRegion(page).getByRole('button', { name: 'Jump to latest' })

async function scrollUp(page: Page): Promise<void> {
  await messageRegion(page).hover()
  await page.mouse.wheel(0, -3_000)
}

test('"Jump to latest" appears when scrolled up, goes back to the newest message and follows the stream again', async ({
  app,
}, testInfo) => {
  const { page } = app
  await conversationList(page).getByRole('button', { name: TITLE }).click()
  await expect(lastReply(page)).toContainText(LAST_WORD)
  await expect(jumpButton(page), 'not offered at the bottom').toHaveCount(0)

  await scrollUp(page)
  await expect(jumpButton(page)).toBeVisible()
  await expect(lastReply(page)).not.toBeInViewport()
  await captureAll(page, testInfo, 'jump-to-latest')
  // By keyboard: a Tab stop like any other button.
  await jumpButton(page).focus()
  await page.keyboard.press('Enter')
  await expect(lastReply(page)).toBeInViewport()
  await expect(jumpButton(page)).toHaveCount(0)

  // While a reply streams: scrolling up stops the following; the button brings it back.
  await composer(page).fill('Tell me more, at length.')
  await composer(page).press('Enter')
  await expect(lastReply(page)).toContainText('Line 3 of')
  await expect(lastReply(page)).toHaveAttribute('aria-busy', 'true')
  await scrollUp(page)
  await expect(jumpButton(page)).toBeVisible()
  // Far up, the streaming reply is not even rendered in full: check where the list stays by what is on screen.
  await expect(
    messageRegion(page).getByText('Line 5 of a long streamed answer.'),
    'scrolled up, the list stays where the reader is',
  ).not.toBeInViewport()
  await jumpButton(page).click()
  await expect(jumpButton(page)).toHaveCount(0)
  // Lines that arrive after the jump come into view as they stream: the list follows again.
  await expect(
    lastReply(page).getByText('Line 30 of a long streamed answer.'),
    'the list follows the stream again',
  ).toBeInViewport({ timeout: 20_000 })
  await expect(lastReply(page)).toHaveAttribute('aria-busy', 'true')
  await page.keyboard.press('Escape')
  await expect(lastReply(page)).toHaveAttribute('aria-busy', 'false')
})
