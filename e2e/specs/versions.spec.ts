import { expect, test } from '../fixtures/app'
import { chat, composer, lastReply, messageRegion, waitForReplyEnd } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'
import { chatBodies } from '../fixtures/sim-helpers'

test('regenerate and edit keep every version: ‹ 2/3 › moves between them, and the model is sent the one shown', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('The first answer about tides.')
  await chat(page, 'Why are there tides?')
  sim.setReply('The second answer, about the moon.')
  await page.getByRole('button', { name: 'Regenerate reply' }).click()
  await waitForReplyEnd(page)
  sim.setReply('The third answer, about the sun.')
  await page.getByRole('button', { name: 'Regenerate reply' }).click()
  await waitForReplyEnd(page)

  const versions = lastReply(page).getByRole('group', { name: 'Versions of this reply' })
  await expect(versions).toContainText('3/3')
  await expect(lastReply(page)).toContainText('about the sun')
  await versions.getByRole('button', { name: 'Previous version of this reply' }).click()
  await expect(lastReply(page)).toContainText('about the moon')
  await expect(versions).toContainText('2/3')
  // The switcher was replaced by the new version's: focus followed it, so the keyboard can go on.
  await expect(page.getByRole('button', { name: 'Previous version of this reply' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(lastReply(page)).toContainText('The first answer about tides.')
  await expect(versions).toContainText('1/3')
  await expect(page.getByRole('button', { name: 'Next version of this reply' })).toBeFocused()

  // The next message follows the version shown, and the model is sent that one.
  sim.setReply('Twice a day, mostly.')
  await chat(page, 'How often?')
  const sent = chatBodies(sim)
    .at(-1)
    ?.messages.map((message) => message.content)
  expect(sent).toEqual(['Why are there tides?', 'The first answer about tides.', 'How often?'])

  // Edit-and-resend: a new version of the question; the original and its replies stay as version 1.
  const question = messageRegion(page).locator('li.msg--user').first()
  await question.hover()
  await question.getByRole('button', { name: 'Edit and resend' }).click()
  const editor = messageRegion(page).getByRole('textbox', { name: 'Edit message' })
  await editor.fill('Why are there two tides a day?')
  sim.setReply('Because the earth turns under two bulges.')
  await editor.press('Enter')
  await waitForReplyEnd(page)
  const questionVersions = messageRegion(page).getByRole('group', { name: 'Versions of this message' })
  await expect(questionVersions).toContainText('2/2')
  await expect(messageRegion(page).locator('li.msg')).toHaveCount(2)
  await captureAll(page, testInfo, 'versions-edited')

  await questionVersions.getByRole('button', { name: 'Previous version of this message' }).click()
  await expect(messageRegion(page)).toContainText('Why are there tides?')
  await expect(messageRegion(page)).toContainText('Twice a day, mostly.')
  await expect(lastReply(page).getByRole('group', { name: 'Versions of this reply' })).toHaveCount(0)
  await expect(messageRegion(page).getByRole('group', { name: 'Versions of this reply' })).toContainText('1/3')

  // What is shown is stored: a reload opens the same path.
  await page.reload()
  await expect(messageRegion(page)).toContainText('Twice a day, mostly.')
  await expect(messageRegion(page).getByRole('group', { name: 'Versions of this message' })).toContainText('1/2')
  await captureAll(page, testInfo, 'versions-reply')
  await expect(composer(page)).toBeEnabled()
})
