import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { goToPage } from '../fixtures/chat-page'

/** Picks a theme the way a person does: by clicking its segment (the radio itself is visually hidden). */
const pickTheme = async (page: Page, label: 'System' | 'Light' | 'Dark') => {
  await page.getByRole('group', { name: 'Theme' }).getByText(label, { exact: true }).click()
  await expect(page.getByRole('radio', { name: label })).toBeChecked()
}

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

const LIGHT = 'rgb(255, 255, 255)'
const DARK = 'rgb(27, 28, 31)'

test('the theme follows the system until the user pins one, and the choice survives a restart', async ({ app }) => {
  const { page } = app
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => pageBackground(page)).toBe(LIGHT)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => pageBackground(page)).toBe(DARK)

  await goToPage(page, 'Settings')
  await pickTheme(page, 'Light')
  await expect.poll(() => pageBackground(page)).toBe(LIGHT)
  await pickTheme(page, 'Dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => pageBackground(page)).toBe(DARK)
  expect((await app.call('settings:get')).theme).toBe('dark')

  await app.restart()
  await expect.poll(() => pageBackground(page)).toBe(DARK)
  await goToPage(page, 'Settings')
  await pickTheme(page, 'System')
  await expect.poll(() => pageBackground(page)).toBe(LIGHT)
})
