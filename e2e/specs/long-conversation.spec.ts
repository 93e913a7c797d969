import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { composer, conversationList, lastReply, messageRegion, waitForReplyEnd } from '../fixtures/chat-page'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { captureAll } from '../fixtures/screenshots'

// A 5,000-message conversation stays usable: it opens at its newest message, the browser's find-in-page finds an
// old one, it scrolls to its first, jumps to a message found by search, keeps a selection across messages while
// scrolling, and streams a new reply at the bottom. No timings beyond generous sanity bounds: speed
// is measured in bench/long-conversation.ts.
const MESSAGES = 5_000
const TITLE = 'A very long conversation'
const PLANTED_INDEX = 1_200
const PLANTED_WORD = 'quetzalcoatlus'
const LAST_WORD = 'finalmarkerword'
const FIRST_WORD = 'firstmarkerword'
const FIND_INDEX = 300
const FIND_WORD = 'xylophonequartz'

test.use({
  beforeAppStart: {
    seed: (dataDir) =>
      void seedLongConversations(join(dataDir, 'history.sqlite'), [
        {
          title: TITLE,
          messages: MESSAGES,
          plant: [
            { index: 0, text: FIRST_WORD },
            { index: FIND_INDEX, text: FIND_WORD },
            { index: PLANTED_INDEX, text: PLANTED_WORD },
            { index: MESSAGES - 1, text: LAST_WORD },
          ],
        },
      ]),
  },
  simOptions: {
    models: ['llama3'],
    tokenDelayMs: 2,
    reply: 'Here is a fresh reply at the bottom of a very long conversation.',
  },
})

const fullMessages = (page: Page) => messageRegion(page).locator('li[data-message-id]')
const placeholders = (page: Page) => messageRegion(page).locator('li.msg-placeholder')
const everyMessage = (page: Page) => messageRegion(page).locator('li[data-message-id], li[data-placeholder-id]')

test('a 5,000-message conversation opens at the bottom, scrolls to the top, jumps to a search hit and streams', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000)
  const { page } = app
  await conversationList(page).getByRole('button', { name: TITLE }).click()

  await expect(lastReply(page), 'the newest reply shows at the bottom when the conversation opens').toContainText(
    LAST_WORD,
    { timeout: 20_000 },
  )
  await expect(lastReply(page), 'the newest reply is on screen').toBeInViewport()
  // Only the messages near the screen are rendered in full; the others are runs of plain-text placeholders (for
  // find-in-page and screen readers), filled in after the first paint: a box per run in the list, not per message.
  await expect(everyMessage(page), 'every message is in the page once the runs are filled').toHaveCount(MESSAGES, {
    timeout: 20_000,
  })
  const rendered = await fullMessages(page).count()
  expect(rendered, 'only the messages near the screen are rendered in full').toBeLessThan(200)
  expect(rendered, 'the screen is filled with rendered messages').toBeGreaterThan(2)
  expect(
    await messageRegion(page).locator('ol.messages__list > li').count(),
    'the list holds runs of rows, not every row',
  ).toBeLessThan(200)

  // The browser's find-in-page finds text only an old message has, scrolls to it, and the list renders that
  // message in full where the placeholder was. window.find (not in TypeScript's DOM types) is the find bar's
  // search with a script face: it wraps around as the bar does (it starts from the focused composer, below the
  // list) and selects the match, but unlike the bar it does not scroll a scroll container inside the page, so the
  // bar's next step, scrolling the match to the middle of the screen, is done here by hand.
  type Find = (text: string, caseSensitive: boolean, backwards: boolean, wrapAround: boolean) => boolean
  const foundText = await page.evaluate((word) => {
    if (!(Reflect.get(window, 'find') as Find).call(window, word, false, false, true)) return false
    window.getSelection()?.getRangeAt(0).startContainer.parentElement?.scrollIntoView({ block: 'center' })
    return true
  }, FIND_WORD)
  expect(foundText, 'find-in-page finds a message 4,700 rows up').toBe(true)
  const foundByFind = fullMessages(page).filter({ hasText: FIND_WORD })
  await expect(foundByFind, 'the message found by find-in-page is rendered in full').toHaveCount(1)
  await expect(foundByFind, 'and on screen').toBeInViewport()
  await page.evaluate(() => window.getSelection()?.removeAllRanges())

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

  // A selection over three messages, the searched one in the middle, survives scrolling a few screens away and back.
  // (Around the searched message about a screen and a half is rendered in full: how many messages that is depends on
  // their lengths, so the selection takes its neighbours on both sides rather than two below it.)
  const selected = await page.evaluate((word) => {
    const rows = [...document.querySelectorAll('[role="region"][aria-label="Messages"] li[data-message-id]')]
    const start = rows.findIndex((row) => row.textContent?.includes(word))
    const first = rows[start - 1]
    const last = rows[start + 1]
    if (!first || !last) return ''
    const range = document.createRange()
    range.setStart(first, 0)
    range.setEnd(last, last.childNodes.length)
    window.getSelection()?.removeAllRanges()
    window.getSelection()?.addRange(range)
    return window.getSelection()?.toString() ?? ''
  }, PLANTED_WORD)
  expect(selected, 'text across three messages is selected').toContain(PLANTED_WORD)
  await messageRegion(page).hover()
  for (const delta of [1_500, 1_500, -1_500, -1_500]) {
    await page.mouse.wheel(0, delta)
    await page.waitForTimeout(150)
  }
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? ''), 'the selection survived the scroll').toBe(
    selected,
  )
  await page.evaluate(() => window.getSelection()?.removeAllRanges())

  await composer(page).fill('And one more question at the very end?')
  await composer(page).press('Enter')
  await expect(lastReply(page), 'the new reply streams at the bottom').toContainText('fresh reply at the bottom', {
    timeout: 20_000,
  })
  await expect(lastReply(page), 'sending brought the reader back to the bottom').toBeInViewport()
  await waitForReplyEnd(page)
  await expect(
    messageRegion(page).getByText('And one more question at the very end?', { exact: true }),
  ).toBeInViewport()

  await captureAll(page, testInfo, 'long-conversation-bottom')
})
