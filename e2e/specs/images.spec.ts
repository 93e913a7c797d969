// Images for vision models, in the window: attached by the button, by paste and by a drop on the chat view, shown
// as thumbnails with remove buttons, sent, shown in the sent message (larger on a click) also after a reload, and
// counted in the context meter (768 tokens each); a model without vision says why it takes none. Screenshots in
// light and dark at 1280 and 800 px land in test-results/.
import type { Page } from '@playwright/test'
import { DEFAULT_MODELS, expect, test } from '../fixtures/app'
import { captureAll } from '../fixtures/screenshots'
import {
  composer,
  conversationList,
  messageRegion,
  modelPicker,
  startNewChat,
  waitForReplyEnd,
} from '../fixtures/chat-page'
import { gradientPng } from '../fixtures/test-image'

test.use({ simOptions: { models: [...DEFAULT_MODELS, 'gemma3:4b'], tokenDelayMs: 5 } })

const SUNSET = gradientPng(480, 320, [242, 112, 66], [88, 40, 140])
const SEA = gradientPng(120, 120, [40, 120, 200], [20, 180, 150])
const DUSK = gradientPng(140, 100, [30, 40, 90], [200, 90, 120])

/** Hands files to the page as a paste into the message box or a drop on the messages, the way a browser does. */
async function deliverFiles(page: Page, how: 'paste' | 'drop', files: { name: string; base64: string }[]) {
  await page.evaluate(
    ({ how, files }) => {
      const transfer = new DataTransfer()
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
        transfer.items.add(new File([bytes], file.name, { type: 'image/png' }))
      }
      if (how === 'paste') {
        const box = document.getElementById('composer-input')
        box?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
        return
      }
      const target = document.querySelector('[aria-label="Messages"]') ?? document.querySelector('.chat')
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target?.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
      }
    },
    { how, files },
  )
}

const attached = (page: Page) => page.getByRole('list', { name: 'Attached images' }).getByRole('img')
const meterValue = async (page: Page) =>
  Number(await page.getByRole('meter', { name: 'Context used' }).getAttribute('aria-valuenow'))

test('attach by button, paste and drop, send to a vision model, see the images after a reload, counted in the meter', async ({
  app,
  sim,
}, testInfo) => {
  const { page } = app
  sim.setReply('A warm gradient, like a sunset over the sea.')
  // The same question without images, for the meter to compare against.
  const plain = await app.call('conversations:create', { model: 'gemma3:4b' })
  await app.call('chat:send', { requestId: 'plain', conversationId: plain.id, text: 'What do these pictures show?' })

  await startNewChat(page)
  await modelPicker(page).selectOption('gemma3:4b')
  const attach = page.getByRole('button', { name: 'Attach images' })
  await expect(attach).toBeEnabled()
  await page
    .getByTestId('image-file-input')
    .setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: SUNSET })
  await deliverFiles(page, 'paste', [{ name: 'sea.png', base64: SEA.toString('base64') }])
  await deliverFiles(page, 'drop', [{ name: 'dusk.png', base64: DUSK.toString('base64') }])
  await expect(attached(page)).toHaveCount(3)
  await expect(page.getByText('3 images · about 2,304 tokens of context')).toBeVisible()
  await composer(page).fill('What do these pictures show?')
  await captureAll(page, testInfo, 'images-attached')

  // Removing one takes it off the message.
  await page.getByRole('button', { name: 'Remove dusk.png' }).click()
  await expect(attached(page)).toHaveCount(2)
  await composer(page).press('Enter')
  await waitForReplyEnd(page)
  await expect(attached(page)).toHaveCount(0)

  const sent = sim.requestsTo('/api/chat', 'POST').at(-1)?.body as { messages: { images?: string[] }[] }
  expect(sent.messages.at(-1)?.images).toEqual([SUNSET.toString('base64'), SEA.toString('base64')])

  // The meter counts 768 tokens for each image: the same question without them used 1,536 fewer.
  const plainTurn = (await app.call('conversations:get', { conversationId: plain.id })).messages.at(-1)
  const plainUsed = (plainTurn?.context?.promptTokens ?? 0) + (plainTurn?.context?.replyTokens ?? 0)
  await expect.poll(() => meterValue(page)).toBe(plainUsed + 2 * 768)

  // After a reload the images come back from the history store.
  await app.restart()
  await conversationList(page)
    .getByRole('button', { name: /What do these pictures show/ })
    .first()
    .click()
  const sentImages = messageRegion(page).getByRole('list', { name: 'Images sent' }).getByRole('img')
  await expect(sentImages).toHaveCount(2)
  await expect.poll(() => sentImages.first().evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(480)
  await expect.poll(() => meterValue(page)).toBe(plainUsed + 2 * 768)
  await captureAll(page, testInfo, 'images-sent')

  await messageRegion(page).getByRole('button', { name: 'Open image 1 of 2' }).click()
  const viewer = page.getByRole('dialog', { name: 'Image 1 of 2' })
  await expect(viewer.getByRole('img')).toBeVisible()
  await captureAll(page, testInfo, 'image-viewer')
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
})

test('a model without vision: the attach button says why it is off, and a drop or paste says so too', async ({
  app,
}, testInfo) => {
  const { page } = app
  await startNewChat(page)
  await modelPicker(page).selectOption('llama3:latest')
  const attach = page.getByRole('button', { name: 'Attach images' })
  await expect(attach).toBeDisabled()
  await expect(attach).toHaveAccessibleDescription('llama3 cannot read images')
  await expect(attach).toHaveAttribute('title', 'llama3 cannot read images')

  await deliverFiles(page, 'drop', [{ name: 'sunset.png', base64: SUNSET.toString('base64') }])
  await expect(page.getByRole('alert').filter({ hasText: 'llama3 cannot read images.' })).toBeVisible()
  await expect(attached(page)).toHaveCount(0)
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await deliverFiles(page, 'paste', [{ name: 'sunset.png', base64: SUNSET.toString('base64') }])
  await expect(page.getByRole('alert').filter({ hasText: 'llama3 cannot read images.' })).toBeVisible()
  await attach.hover()
  await captureAll(page, testInfo, 'images-not-supported')
})

test('a file that is not an image is refused by name', async ({ app }) => {
  const { page } = app
  await startNewChat(page)
  await modelPicker(page).selectOption('gemma3:4b')
  await page
    .getByTestId('image-file-input')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') })
  await expect(
    page.getByRole('alert').filter({ hasText: 'notes.png is not a PNG, JPEG, WebP or GIF image.' }),
  ).toBeVisible()
  await expect(attached(page)).toHaveCount(0)
})
