import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { composer, conversationList, lastReply, messageRegion, waitForReplyEnd } from '../fixtures/chat-page'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { captureAll } from '../fixtures/screenshots'

// A 5,000-message conversation stays usable: it opens at its newest message, scrolls to its first, jumps to a
// message found by search, and streams a new reply at the bottom. No timings beyond generous sanity bounds: speed
// is measured in bench/long-conversation.ts.
const MESSAGES = 5_000
const TITLE = 'A very long conversation'
const PLANTED_INDEX = 1_200
const PLANTED_WORD = 'quetzalcoatlus'
const LAST_WORD = 'finalmarkerword'
const FIRST_WORD = 'firstmarkerword'

test.use({
  beforeAppStart: {
    seed: (dataDir) =>
      void seedLongConversations(join(dataDir, 'history.sqlite'), [
        {
          title: TITLE,
          messages: MESSAGES,
          plant: [
            { index: 0, text: FIRST_WORD },
            { index: PLANTED_INDEX, text: PLANTED_WORD },
            { index: MESSAGES - 1, text: LAST_WORD },
          ],
        },
      ]),
  },
  simOptions: { models: ['llama3'], tokenDelayMs: 2, reply: 'Here is a fresh reply at the bottom of a very long conversation.' },
})

const fullMessages = (page: Page) => messageRegion(page).locator('li[data-message-id]')
const placeholders = (page: Page) => messageRegion(page).locator('li.msg-placeholder')

test('a 5,000-message conversation opens at the bottom, scrolls to the top, jumps to a search hit and streams', async ({ app }, testInfo) => {
  test.setTimeout(120_000)
  const { page } = app
  await conversationList(page).getByRole('button', { name: TITLE }).click()

  await expect(lastReply(page), 'the newest reply shows at the bottom when the conversation opens').toContainText(LAST_WORD, { timeout: 20_000 })
  await expect(lastReply(page), 'the newest reply is on screen').toBeInViewport()
  // Every message is an item of the list (off screen as plain text, for find-in-page and screen readers), but only
  // those near the screen are rendered in full.
  await expect(messageRegion(page).locator('ol > li:not(.seen-divider)'), 'every message is a list item').toHaveCount(MESSAGES)
  const rendered = await fullMessages(page).count()
  expect(rendered, 'only the messages near the screen are rendered in full').toBeLessThan(200)
  expect(rendered, 'the screen is filled with rendered messages').toBeGreaterThan(2)

  await messageRegion(page).hover()
  const first = messageRegion(page).locator('li[data-message-id]').filter({ hasText: FIRST_WORD })
  // Wheel up as a person would, until the first message is rendered and on screen (scroll anchoring may keep
  // the view a little below the top while rows above take their real heights).
  await expect
    .poll(
      async () => {
        await page.mouse.wheel(0, -200_000)
        return (await first.count()) === 1 && (await first.isVisible())
      },
      { message: 'scrolling up reaches the first message, rendered in full', timeout: 20_000 },
    )
    .toBe(true)
  await expect(first, 'the first message is on screen').toBeInViewport()
  await expect(placeholders(page).first(), 'messages far below the screen are placeholders again').toBeAttached()

  await page.keyboard.press('Control+K')
  await page.getByRole('searchbox', { name: 'Search all conversations' }).fill(PLANTED_WORD)
  const results = page.getByRole('navigation', { name: 'Search results' })
  await results.getByRole('button', { name: new RegExp(`^${TITLE}`) }).click()
  const found = messageRegion(page).locator('li[data-message-id]').filter({ hasText: PLANTED_WORD })
  await expect(found, 'the searched message is rendered in full').toHaveCount(1)
  await expect(found, 'the list scrolled to the searched message').toBeInViewport()
  await expect(found, 'the searched message is highlighted').toHaveClass(/msg--highlighted/)

  await captureAll(page, testInfo, 'long-conversation-search-jump')

  await composer(page).fill('And one more question at the very end?')
  await composer(page).press('Enter')
  await expect(lastReply(page), 'the new reply streams at the bottom').toContainText('fresh reply at the bottom', { timeout: 20_000 })
  await expect(lastReply(page), 'sending brought the reader back to the bottom').toBeInViewport()
  await waitForReplyEnd(page)
  await expect(messageRegion(page).getByText('And one more question at the very end?', { exact: true })).toBeInViewport()

  await captureAll(page, testInfo, 'long-conversation-bottom')
})
