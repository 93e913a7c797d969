// At 800 px wide every page keeps its controls on screen: the chat header wraps its tools to a second row
// rather than pushing "System prompt" off screen or squeezing a long title to a word; Models and Settings do not
// clip either.
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, chatTitle, goToPage } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'

const NARROW = 800
// Room for about 25 characters of the title: enough to tell conversations apart.
const READABLE_TITLE_WIDTH = 200
const LONG_MESSAGE =
  'Please summarise the notes from our planning meeting about moving the billing system to the new provider'

/** The controls in `scope` a person can see, each with its label and box. */
async function visibleControls(scope: Locator): Promise<{ name: string; left: number; right: number }[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('button, select, input, textarea, a[href], [role="meter"], .context-pill')]
      .filter((element) => (element as HTMLElement).offsetParent !== null && !element.closest('.visually-hidden'))
      .map((element) => {
        const box = element.getBoundingClientRect()
        const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName
        return { name: name.slice(0, 40), left: Math.round(box.left), right: Math.round(box.right) }
      }),
  )
}

async function expectAllOnScreen(page: Page, scope: Locator, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? NARROW
  const controls = await visibleControls(scope)
  expect(controls.length, `${where} has controls`).toBeGreaterThan(0)
  const outside = controls.filter((control) => control.left < 0 || control.right > width)
  expect(outside, `${where}: controls outside the ${width} px window`).toEqual([])
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body
    return main.scrollWidth - main.clientWidth
  })
  expect(overflow, `${where} does not scroll sideways`).toBeLessThanOrEqual(0)
}

test('at 800 px the chat header keeps every control on screen and the title readable; Models and Settings fit', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  // A context the user chose, so the header also shows its pill.
  await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 8192 })
  await page.setViewportSize({ width: NARROW, height: 800 })
  await page.reload()
  sim.setReply('Here is the summary.')
  await chat(page, LONG_MESSAGE)

  const header = page.locator('header.chat-header')
  await expectAllOnScreen(page, header, 'chat header')
  const titleWidth = await chatTitle(page).evaluate((title) => title.getBoundingClientRect().width)
  expect(titleWidth, 'the title keeps a readable width').toBeGreaterThanOrEqual(READABLE_TITLE_WIDTH)
  await expect(header.getByRole('button', { name: 'System prompt' })).toBeInViewport({ ratio: 1 })
  // Two rows at most (the title, then the tools), not a third holding one button.
  expect(
    await header.evaluate((element) => element.getBoundingClientRect().height),
    'the header takes two rows',
  ).toBeLessThanOrEqual(90)
  await captureAll(page, testInfo, 'header-narrow')
  await page.setViewportSize({ width: NARROW, height: 800 })

  // The system prompt opens on screen too.
  await header.getByRole('button', { name: 'System prompt' }).click()
  await expect(page.getByRole('dialog', { name: 'System prompt' })).toBeInViewport({ ratio: 1 })
  await page.keyboard.press('Escape')

  await goToPage(page, 'Models')
  await expect(page.getByRole('listitem', { name: 'llama3:latest' })).toBeVisible()
  await expectAllOnScreen(page, page.locator('main'), 'Models page')
  await goToPage(page, 'Settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expectAllOnScreen(page, page.locator('main'), 'Settings page')
})
