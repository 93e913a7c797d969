import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { seedLongConversations } from '../fixtures/long-conversation-seed'
import { captureAll } from '../fixtures/screenshots'

// Search shows a page of hits, says how many matched in all, and "Show more results" appends the next page
// without repeats, moving the focus to the first hit it brought.
const WORD = 'pangolinword'
const PLANTED = 45

test.use({
  beforeAppStart: {
    seed: (dataDir) =>
      void seedLongConversations(join(dataDir, 'history.sqlite'), [
        {
          title: 'Many hits',
          messages: 120,
          plant: Array.from({ length: PLANTED }, (_, i) => ({ index: i * 2 + 1, text: WORD })),
        },
      ]),
  },
})

test('search says how many matched in all and "Show more results" loads the rest', async ({ app }, testInfo) => {
  const { page } = app
  const search = page.getByRole('searchbox', { name: 'Search all conversations' })
  await search.fill(WORD)
  const results = page.getByRole('navigation', { name: 'Search results' })
  // The total, not the size of the first page.
  await expect(results.getByRole('status')).toHaveText(`${PLANTED} messages`)
  const hits = results.getByRole('listitem')
  await expect(hits).toHaveCount(30)
  const more = results.getByRole('button', { name: 'Show more results' })
  await expect(more).toBeVisible()
  await captureAll(page, testInfo, 'search-more')
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(results.getByRole('status')).toHaveText(`${PLANTED} messages`)
  await expect(more).toHaveCount(0)
  await expect(hits).toHaveCount(PLANTED)
  await expect(hits.nth(30).getByRole('button'), 'the focus moves to the first hit the button brought').toBeFocused()
})
