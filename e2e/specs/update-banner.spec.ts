// "Restart to update" as a person sees it. Browser mode has no updater, so the spec sends the desktop updater's
// event through the running core's emitter (`app.mode.core.events`), the same stream the page listens to; the
// banner arrives over browser mode's real event stream.
import { expect, test } from '../fixtures/app'
import { chat } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'

test('an update downloaded in the background offers Restart to update, at 800 px and in both themes', async ({
  app,
}, testInfo) => {
  const { page } = app
  await chat(page, 'Hello')
  const banner = page.getByRole('status', { name: 'ollmchat 0.2.0 is ready' })
  await expect(banner).toHaveCount(0)

  app.mode.core.events.emit('app:updateReady', { version: '0.2.0' })
  await expect(banner).toBeVisible()
  await expect(banner.getByRole('button', { name: 'Restart to update' })).toBeVisible()
  await captureAll(page, testInfo, 'update-banner')

  // At 800 px the button and Dismiss stay inside the window, beside or under the text.
  await page.setViewportSize({ width: 800, height: 800 })
  for (const name of ['Restart to update', 'Dismiss']) {
    const box = await banner.getByRole('button', { name }).boundingBox()
    expect(box, name).not.toBeNull()
    expect((box?.x ?? 0) + (box?.width ?? 0), `${name} inside the window`).toBeLessThanOrEqual(800)
  }
  await page.setViewportSize({ width: 1280, height: 800 })

  // Browser mode has nothing to install: the core answers the restart without restarting, the page stays and the
  // banner says the restart did not happen.
  await banner.getByRole('button', { name: 'Restart to update' }).click()
  await expect.poll(() => app.rpcCalls.includes('app:restartToUpdate')).toBe(true)
  await expect(banner.getByRole('alert')).toHaveText(
    'ollmchat could not restart to install the update. It installs the next time you quit.',
  )
  await captureAll(page, testInfo, 'update-banner-restart-failed')
  await banner.getByRole('button', { name: 'Dismiss' }).click()
  await expect(banner).toHaveCount(0)
})
