import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app'
import { chat, composer, lastReply, messageRegion, modelPicker, sendMessage } from '../fixtures/chat-page'
import { chatBodies } from '../fixtures/sim-helpers'

/** The "Ollama is not reachable" notice (banner or full screen): the only alert that names the host. */
const offlineNotice = (page: Page) => page.getByRole('alert').filter({ hasText: 'Ollama is not reachable at' })

/** Marks the document, so a later check can tell that no reload or navigation happened in between. */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    ;(window as { __sameDocument?: boolean }).__sameDocument = true
  })
  return () => page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true)
}

test.describe('Ollama down before the app starts', () => {
  test.use({ beforeAppStart: { run: (sim) => sim.faults.down() } })

  test('shows where it looked and how to start Ollama, then recovers by itself when Ollama comes up', async ({
    app,
    sim,
  }) => {
    const { page } = app
    const notice = offlineNotice(page)
    await expect(notice).toContainText(`Ollama is not reachable at ${sim.url}.`)
    await expect(notice).toContainText('Start the Ollama app, or run ollama serve in a terminal.')
    await expect(notice.getByRole('button', { name: 'Try again' })).toBeVisible()
    await expect(page.getByText('Ollama not reachable', { exact: true })).toBeVisible()
    // Nothing to show yet, so the notice fills the chat instead of sitting above a composer.
    await expect(composer(page)).toHaveCount(0)
    const sameDocument = await markDocument(page)
    const callsBefore = app.rpcCalls.length

    await sim.faults.up()
    await expect(notice).toHaveCount(0)
    await expect(page.getByText('Ollama 0.32.15', { exact: true })).toBeVisible()
    await expect(modelPicker(page)).toHaveValue('llama3:latest')
    await expect(composer(page)).toBeEnabled()
    expect(await sameDocument()).toBe(true)
    expect(app.rpcCalls.slice(callsBefore)).not.toContain('ollama:checkNow')

    // The clean-up that waited for Ollama ran, and chatting works without any further step.
    await app.cleanupFinished()
    await chat(page, 'Are you there now?')
    expect(chatBodies(sim)).toMatchObject([{ model: 'llama3:latest' }])
  })
})

test('Ollama going down mid-session shows the banner over the conversation, which clears by itself', async ({
  app,
  sim,
}) => {
  const { page } = app
  sim.setReply('First answer.')
  await chat(page, 'Before the outage')
  const sameDocument = await markDocument(page)

  await sim.faults.down()
  const banner = offlineNotice(page)
  await expect(banner).toContainText(`Ollama is not reachable at ${sim.url}.`)
  await expect(banner).toContainText('ollama serve')
  // A banner, not the full screen: the conversation stays readable underneath.
  await expect(lastReply(page)).toContainText('First answer.')

  // Sending now fails visibly, in words.
  await sendMessage(page, 'During the outage')
  await expect(page.getByRole('alert').filter({ hasText: 'Ollama is not answering.' })).toBeVisible()

  await sim.faults.up()
  await expect(banner).toHaveCount(0)
  expect(await sameDocument()).toBe(true)
  sim.setReply('Back again.')
  await chat(page, 'After the outage')
  await expect(lastReply(page)).toContainText('Back again.')
  await expect(messageRegion(page).getByText('First answer.')).toBeVisible()
})
