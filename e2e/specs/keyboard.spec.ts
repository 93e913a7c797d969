// Everything by keyboard: the skip link past the sidebar, focus back on the control that opened a popover, a
// rename field or a dialog, search results with the arrow keys, and the message actions reachable by Tab.
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, chatTitle, composer, conversationList, goToPage, lastReply, messageRegion } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'

/** Presses Tab until `target` has the focus; fails after `most` presses. */
async function tabTo(page: Page, target: Locator, most = 30): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

test('the skip link is the first stop of Tab and leads past the sidebar into the conversation', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('Sure.')
  await chat(page, 'Hello there')
  // Tab from the top of the document, as when the browser hands the focus to the page from its toolbar (the
  // composer holds the focus after sending, so start the focus walk at the root).
  await page.evaluate(() => {
    const root = document.documentElement
    root.tabIndex = -1
    root.focus()
    root.removeAttribute('tabindex')
  })
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to conversation' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await captureAll(page, testInfo, 'skip-link-focused')
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()
  // The next stop is in the chat, not in the sidebar.
  await page.keyboard.press('Tab')
  expect(
    await page.evaluate(
      () => document.activeElement?.closest('main') !== null && document.activeElement?.closest('aside') === null,
    ),
  ).toBe(true)

  // On the other pages it names what it leads to, and is still the first focusable element.
  await goToPage(page, 'Models')
  await expect(page.locator('a[href], button, input, select, textarea').first()).toHaveAccessibleName('Skip to content')
})

test('focus returns to what opened the system prompt, a rename field and a dialog', async ({ app, sim }) => {
  const { page } = app
  sim.setReply('Sure.')
  await chat(page, 'Plan a trip')

  const promptButton = page.getByRole('button', { name: 'System prompt' })
  await promptButton.focus()
  await page.keyboard.press('Enter')
  const popover = page.getByRole('dialog', { name: 'System prompt' })
  await expect(popover.getByRole('textbox', { name: 'System prompt for this conversation' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(popover).toHaveCount(0)
  await expect(promptButton, 'Esc gives the focus back to the button').toBeFocused()
  await page.keyboard.press('Enter')
  await tabTo(page, popover.getByRole('button', { name: 'Cancel' }))
  await page.keyboard.press('Enter')
  await expect(promptButton, 'Cancel gives the focus back to the button').toBeFocused()

  const item = conversationList(page).getByRole('listitem').filter({ hasText: 'Plan a trip' })
  await item.getByRole('button', { name: 'Plan a trip' }).focus()
  await page.keyboard.press('Tab')
  await expect(item.getByRole('button', { name: 'Rename “Plan a trip”' })).toBeFocused()
  await page.keyboard.press('Enter')
  const field = page.getByRole('textbox', { name: 'New title for “Plan a trip”' })
  await expect(field).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(
    item.getByRole('button', { name: 'Rename “Plan a trip”' }),
    'Esc gives the focus back to Rename',
  ).toBeFocused()
  await page.keyboard.press('Enter')
  await page.keyboard.type('Trip to Lisbon')
  await page.keyboard.press('Enter')
  await expect(
    conversationList(page).getByRole('button', { name: 'Rename “Trip to Lisbon”' }),
    'so does Enter, under the new title',
  ).toBeFocused()

  await goToPage(page, 'Models')
  const details = page.getByRole('button', { name: 'Details of llama3:latest' })
  await details.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: /Details of/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(details, 'a dialog gives the focus back too').toBeFocused()
})

test('search results move with the arrow keys and open with Enter; message actions are reachable by Tab', async ({
  app,
  sim,
}) => {
  const { page } = app
  sim.setReply('Lisbon has trams.')
  await chat(page, 'Tell me about trams in Lisbon')
  sim.setReply('Porto has trams too.')
  await chat(page, 'And trams in Porto?')

  // The message actions that show on hover are Tab stops, shown when focused.
  await composer(page).focus()
  await page.keyboard.press('Shift+Tab')
  const copyUser = messageRegion(page).getByRole('button', { name: 'Copy message' }).first()
  for (let i = 0; i < 20 && !(await copyUser.evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press('Shift+Tab')
  await expect(copyUser).toBeFocused()
  await expect(copyUser).toHaveCSS('opacity', '1')
  await tabTo(page, lastReply(page).getByRole('button', { name: 'Copy reply' }))
  await tabTo(page, lastReply(page).getByRole('button', { name: 'Regenerate reply' }))

  await page.keyboard.press('Control+K')
  await page.keyboard.type('trams')
  const results = page.getByRole('navigation', { name: 'Search results' })
  const hits = results.getByRole('button')
  await expect(hits).toHaveCount(4)
  await page.keyboard.press('ArrowDown')
  await expect(hits.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(hits.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(hits.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByRole('searchbox', { name: 'Search all conversations' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  const second = (await hits.nth(1).innerText()).split('\n').slice(1).join(' ')
  await page.keyboard.press('Enter')
  await expect(chatTitle(page)).toHaveText('Tell me about trams in Lisbon')
  await expect(messageRegion(page).locator('.msg--highlighted')).toContainText(
    second
      .replace(/^Reply: /, '')
      .replace(/…/g, '')
      .trim()
      .split(' ')[0] ?? '',
  )
})
