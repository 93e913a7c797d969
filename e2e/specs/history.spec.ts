import type { Page } from '@playwright/test'
import { expect, test, type AppHandle } from '../fixtures/app'
import { chat, chatTitle, conversationList, lastReply, messageRegion, startNewChat } from '../fixtures/chat-page'
import { chatBodies, lastUserText } from '../fixtures/sim-helpers'

/** Rename and Delete show on hover (or keyboard focus) of their conversation only, as for a person. */
async function conversationAction(page: Page, title: string, action: 'Rename' | 'Delete') {
  await conversationList(page).getByRole('listitem').filter({ hasText: title }).hover()
  await conversationList(page)
    .getByRole('button', { name: `${action} “${title}”` })
    .click()
}

const titles = async (app: AppHandle) =>
  (await app.call('conversations:list')).conversations.map((conversation) => conversation.title)

test('history survives a restart of the server, and the last open conversation reopens', async ({ app, sim }) => {
  const { page } = app
  sim.setReply((request) => `About ${lastUserText(request).toLowerCase()}: noted.`)
  await chat(page, 'Packing list for Iceland')
  await startNewChat(page)
  await chat(page, 'Sourdough starter tips')
  await expect(chatTitle(page)).toHaveText('Sourdough starter tips')

  // Reopen the older one, so "the last conversation" is not simply the newest.
  await conversationList(page).getByRole('button', { name: 'Packing list for Iceland' }).click()
  await expect(chatTitle(page)).toHaveText('Packing list for Iceland')
  const iceland = (await app.call('conversations:list')).conversations.find(
    (c) => c.title === 'Packing list for Iceland',
  )
  await expect.poll(async () => (await app.call('settings:get')).lastConversationId).toBe(iceland?.id)

  const oldUrl = app.mode.server.url
  await app.restart()
  expect(app.mode.server.url).not.toBe(oldUrl)
  await expect(chatTitle(page)).toHaveText('Packing list for Iceland')
  await expect(messageRegion(page).getByText('Packing list for Iceland', { exact: true })).toBeVisible()
  await expect(lastReply(page)).toContainText('About packing list for iceland: noted.')
  // Newest activity first.
  await expect(
    conversationList(page).getByRole('button', { name: /^(Sourdough starter tips|Packing list for Iceland)$/ }),
  ).toHaveText(['Sourdough starter tips', 'Packing list for Iceland'])
  await conversationList(page).getByRole('button', { name: 'Sourdough starter tips' }).click()
  await expect(lastReply(page)).toContainText('About sourdough starter tips: noted.')
  // Reading history asks Ollama for nothing.
  expect(chatBodies(sim)).toHaveLength(2)
})

test('Ctrl+K search finds a message of an older conversation and opens it there', async ({ app, sim }) => {
  const { page } = app
  sim.setReply('Noted.')
  await chat(page, 'Holiday ideas')
  await chat(page, 'What about the Zanzibar archipelago?')
  await startNewChat(page)
  await chat(page, 'Something else entirely')
  await expect(chatTitle(page)).toHaveText('Something else entirely')

  await page.keyboard.press('Control+K')
  const search = page.getByRole('searchbox', { name: 'Search all conversations' })
  await expect(search).toBeFocused()
  await page.keyboard.type('zanzibar')

  const results = page.getByRole('navigation', { name: 'Search results' })
  await expect(results.getByRole('status')).toHaveText('1 message')
  const hit = results.getByRole('button', { name: /^Holiday ideas/ })
  await expect(hit).toContainText('What about the Zanzibar archipelago?')
  await expect(hit.locator('mark')).toHaveText('Zanzibar')
  await hit.click()

  await expect(chatTitle(page)).toHaveText('Holiday ideas')
  const found = messageRegion(page).getByRole('listitem').filter({ hasText: 'What about the Zanzibar archipelago?' })
  await expect(found).toBeInViewport()
  await expect(messageRegion(page).getByText('Holiday ideas', { exact: true })).toBeVisible()
  const holiday = (await app.call('conversations:list')).conversations.find((c) => c.title === 'Holiday ideas')
  await expect.poll(async () => (await app.call('settings:get')).lastConversationId).toBe(holiday?.id)

  await search.fill('no-such-word')
  await expect(page.getByText('No messages match “no-such-word”.')).toBeVisible()
})

test('rename a conversation, delete it, undo, and delete it for good', async ({ app, sim }) => {
  const { page } = app
  sim.setReply('Sounds fun.')
  await chat(page, 'Weekend plans')
  const list = conversationList(page)

  await conversationAction(page, 'Weekend plans', 'Rename')
  const field = page.getByRole('textbox', { name: 'New title for “Weekend plans”' })
  await expect(field).toBeFocused()
  await field.fill('Hiking trip')
  await field.press('Enter')
  await expect(list.getByRole('button', { name: 'Hiking trip', exact: true })).toBeVisible()
  await expect(chatTitle(page)).toHaveText('Hiking trip')
  await expect.poll(() => titles(app)).toEqual(['Hiking trip'])
  await page.reload()
  await expect(chatTitle(page)).toHaveText('Hiking trip')

  await conversationAction(page, 'Hiking trip', 'Delete')
  await expect(page.getByText('Deleted “Hiking trip”.')).toBeVisible()
  await expect(page.getByText('No conversations yet.')).toBeVisible()
  await expect(chatTitle(page)).toHaveText('New chat')
  expect(await titles(app)).toEqual([])

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(list.getByRole('button', { name: 'Hiking trip', exact: true })).toBeVisible()
  expect(await titles(app)).toEqual(['Hiking trip'])
  await list.getByRole('button', { name: 'Hiking trip', exact: true }).click()
  await expect(lastReply(page)).toContainText('Sounds fun.')

  await conversationAction(page, 'Hiking trip', 'Delete')
  await expect(page.getByText('Deleted “Hiking trip”.')).toBeVisible()
  await page.reload()
  await expect(page.getByText('No conversations yet.')).toBeVisible()
  expect(await titles(app)).toEqual([])
  expect(chatBodies(sim)).toHaveLength(1)
})
