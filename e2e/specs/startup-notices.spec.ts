// A history file damaged in the middle, as a person meets it: the app starts, says what happened, where the old file
// is and how much was recovered, and the recovered conversations open. The counts and the salvage itself are tested
// in src-main/core/history/damaged-file.test.ts; this is the window's side, and its look.
import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { conversationList, messageRegion } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'
import { damagePages, writeHistory } from '../../src-main/core/history/test-fixtures/damage'

test.use({
  beforeAppStart: {
    seed: (dataDir) => {
      const file = join(dataDir, 'history.sqlite')
      writeHistory(file, 20)
      damagePages(file, 0.5, 8)
    },
  },
})

test('a damaged history is put aside, the window says so once, and what was recovered opens', async ({
  app,
}, testInfo) => {
  const { page } = app
  const notice = page.getByRole('alert').filter({ hasText: 'The chat history was damaged' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(/recovered \d+ conversations? with \d[\d,]* messages/)
  await expect(notice).toContainText('history.damaged-')
  await captureAll(page, testInfo, 'startup-notice-damaged-history')

  await conversationList(page).getByRole('button', { name: 'Conversation 19' }).click()
  await expect(messageRegion(page)).toContainText('answer 9 of 19')

  await notice.getByRole('button', { name: /dismiss/i }).click()
  await expect(notice).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('alert').filter({ hasText: 'The chat history was damaged' }), 'shown once').toHaveCount(0)
})
