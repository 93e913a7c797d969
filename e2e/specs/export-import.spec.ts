import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download, Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, conversationList, goToPage, lastReply, messageRegion, waitForReplyEnd } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'

const OPEN_WEBUI_FIXTURE = join(process.cwd(), 'src-main', 'core', 'data', 'test-fixtures', 'open-webui-export.json')
const TITLE = 'Why is the sky blue?'

const readDownload = async (download: Download) => readFileSync((await download.path()) ?? '', 'utf8')

/** "Export…" on a conversation in the sidebar (shown on hover, as for a person), then one of its two choices. */
async function exportConversation(page: Page, title: string, choice: 'JSON' | 'Markdown'): Promise<Download> {
  await conversationList(page).getByRole('listitem').filter({ hasText: title }).hover()
  await conversationList(page)
    .getByRole('button', { name: `Export “${title}”…` })
    .click()
  const downloading = page.waitForEvent('download')
  await conversationList(page)
    .getByRole('group', { name: `Export “${title}” as` })
    .getByRole('button', { name: new RegExp(`^${choice}`) })
    .click()
  return downloading
}

const importFile = (page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) =>
  page.getByLabel('Choose a file to import').setInputFiles(file)

/**
 * Scrolls Settings to its end at the narrow width, where the page is longest: the wide capture then clamps to the
 * same end, so "Your data" and what it says are in every picture.
 */
async function showPageEnd(page: Page) {
  await page.setViewportSize({ width: 800, height: 800 })
  await page.getByText(/^ollmchat .* data in/).scrollIntoViewIfNeeded()
}

test('a conversation with a regenerated reply exports as JSON and Markdown and imports back with both versions; Open WebUI imports; a bad file is refused', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('Rayleigh scattering, in short.')
  await chat(page, TITLE)
  sim.setReply('Blue light scatters more than red in the air.')
  await page.getByRole('button', { name: 'Regenerate reply' }).click()
  await waitForReplyEnd(page)
  await expect(lastReply(page).getByRole('group', { name: 'Versions of this reply' })).toContainText('2/2')

  const json = await exportConversation(page, TITLE, 'JSON')
  expect(json.suggestedFilename()).toBe('why-is-the-sky-blue.json')
  const jsonText = await readDownload(json)
  const document = JSON.parse(jsonText) as {
    format: string
    version: number
    conversations: Array<{ messages: Array<{ content: string; onPath: boolean }> }>
  }
  expect(document).toMatchObject({ format: 'ollmchat-export', version: 1 })
  expect(document.conversations[0]?.messages.map((message) => [message.content, message.onPath])).toEqual([
    [TITLE, true],
    ['Rayleigh scattering, in short.', false],
    ['Blue light scatters more than red in the air.', true],
  ])

  const markdown = await exportConversation(page, TITLE, 'Markdown')
  expect(markdown.suggestedFilename()).toBe('why-is-the-sky-blue.md')
  const markdownText = await readDownload(markdown)
  expect(markdownText).toMatch(/^# Why is the sky blue\?\n/)
  expect(markdownText).toMatch(/## Assistant \(.+\) · .+ UTC · version 2 of 2\n\nBlue light scatters more/)
  expect(markdownText).not.toContain('Rayleigh')

  // Delete it (it would stay restorable, so the import comes in as a copy) and import the JSON.
  await conversationList(page).getByRole('listitem').filter({ hasText: TITLE }).hover()
  await conversationList(page)
    .getByRole('button', { name: `Delete “${TITLE}”` })
    .click()
  await expect(conversationList(page).getByRole('listitem').filter({ hasText: TITLE })).toHaveCount(0)
  await page.getByText(`Deleted “${TITLE}”.`).locator('..').getByRole('button', { name: 'Dismiss' }).click()
  await goToPage(page, 'Settings')
  const yourData = page.getByRole('region', { name: 'Your data' })
  await importFile(page, {
    name: 'why-is-the-sky-blue.json',
    mimeType: 'application/json',
    buffer: Buffer.from(jsonText),
  })
  await expect(yourData.getByRole('status')).toHaveText(
    'Imported 1 conversation (3 messages). One was already here, so it came in as a copy.',
  )

  await goToPage(page, 'Chats')
  await conversationList(page).getByRole('button', { name: TITLE, exact: true }).click()
  const versions = lastReply(page).getByRole('group', { name: 'Versions of this reply' })
  await expect(versions).toContainText('2/2')
  await expect(lastReply(page)).toContainText('Blue light scatters more')
  await versions.getByRole('button', { name: 'Previous version of this reply' }).click()
  await expect(lastReply(page)).toContainText('Rayleigh scattering, in short.')

  // Open WebUI's export: both chats, the path it showed and the version beside it.
  await goToPage(page, 'Settings')
  await importFile(page, OPEN_WEBUI_FIXTURE)
  await expect(yourData.getByRole('status')).toHaveText(
    'Imported 2 conversations (9 messages, 1 image) from Open WebUI. 1 image stayed behind: Open WebUI kept it on its server, not in the file.',
  )
  await showPageEnd(page)
  await captureAll(page, testInfo, 'your-data-imported')

  await importFile(page, {
    name: 'future.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"ollmchat-export","version":7,"conversations":[]}'),
  })
  await expect(yourData.getByRole('alert')).toContainText(
    'The file is an ollmchat export of version 7; this ollmchat reads version 1. Update ollmchat to import it.',
  )
  await showPageEnd(page)
  await captureAll(page, testInfo, 'your-data-refused')

  await goToPage(page, 'Chats')
  await conversationList(page).getByRole('button', { name: 'Cold brew at home', exact: true }).click()
  await expect(messageRegion(page)).toContainText('Sealed in the fridge, it keeps about two weeks.')
  await expect(messageRegion(page).getByRole('group', { name: 'Versions of this reply' })).toContainText('2/2')
})
