import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { captureAll } from '../fixtures/screenshots'

// Search shows a page of hits, says there are more, and "Show more results" appends the next page without repeats.
const WORD = 'pangolinword'
const PLANTED = 45

test.use({
  beforeAppStart: {
    seed: (dataDir) =>
      void seedLongConversations(join(dataDir, 'history.sqlite'), [
        { title: 'Many hits', messages: 120, plant: Array.from({ length: PLANTED }, (_, i) => ({ index: i * 2 + 1, text: WORD })) },
      ]),
  },
})

test('search says there are more hits and "Show more results" loads them', async ({ app }, testInfo) => {
  const { page } = app
  const search = page.getByRole('searchbox', { name: 'Search all conversations' })
  await search.fill(WORD)
  const results = page.getByRole('navigation', { name: 'Search results' })
  await expect(results.getByRole('status')).toHaveText('First 30 messages')
  const more = results.getByRole('button', { name: 'Show more results' })
  await expect(more).toBeVisible()
  await captureAll(page, testInfo, 'search-more')
  await more.click()
  await expect(results.getByRole('status')).toHaveText(`${PLANTED} messages`)
  await expect(more).toHaveCount(0)
  const hits = results.getByRole('listitem')
  await expect(hits).toHaveCount(PLANTED)
})
