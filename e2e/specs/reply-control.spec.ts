// A running reply belongs to the core, not to the page that started it: a reloaded page and a second window both
// see it stream and can stop it; a host that never answers is given up on with a clear error.
import { DEFAULT_MODELS, expect, test } from '../fixtures/app'
import { conversationList, lastReply, sendMessage, waitForReplyEnd } from '../fixtures/chat-page'
import { captureAll } from '../fixtures/screenshots'

const filler = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ')
const STOP = { name: 'Stop reply (Esc)' }

test.describe('a reply started elsewhere', () => {
  test.use({ simOptions: { models: DEFAULT_MODELS, tokenDelayMs: 25 } })

  test('after a reload the Stop button is there and stops it; the partial text stays', async ({ app, sim }) => {
    const { page } = app
    sim.setReply(`Partial start. ${filler(800)} END-OF-REPLY`)
    await sendMessage(page, 'Tell me a very long story')
    await expect(lastReply(page)).toContainText('word10')

    await page.reload()
    await expect(lastReply(page)).toHaveAttribute('aria-busy', 'true')
    await expect(lastReply(page)).toContainText('word40')
    await page.getByRole('button', STOP).click()

    const reply = lastReply(page)
    await expect(reply.getByText('Stopped', { exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible()
    const kept = await reply.getByText(/^Partial start\./).innerText()
    expect(kept).toContain('word40')
    expect(kept).not.toContain('END-OF-REPLY')
    const [conversation] = (await app.call('conversations:list')).conversations
    const stored = await app.call('conversations:get', { conversationId: conversation?.id })
    expect(stored.messages.map((message) => message.status)).toEqual(['complete', 'cancelled'])
    expect(stored.messages[1]?.content).toBe(kept)
    expect(await app.call('chat:running')).toEqual({ replies: [] })
  })

  test('a second window sees it stream and stops it with Esc; the first shows it stopped and can send again', async ({
    app,
    sim,
    browser,
  }) => {
    const { page } = app
    sim.setReply(`Partial start. ${filler(800)} END-OF-REPLY`)
    const secondContext = await browser.newContext()
    try {
      const second = await secondContext.newPage()
      await second.goto(app.mode.server.url)
      await sendMessage(page, 'Tell me a very long story')
      // The second window opened before the reply began: it learns of it from the events alone, and opens it.
      await conversationList(second).getByText('Tell me a very long story').click()
      await expect(lastReply(second)).toContainText('word10')
      await expect(lastReply(second)).toHaveAttribute('aria-busy', 'true')
      await expect(second.getByRole('button', STOP)).toBeVisible()
      await second.keyboard.press('Escape')

      for (const window of [second, page]) {
        await expect(lastReply(window).getByText('Stopped', { exact: true })).toBeVisible()
        await expect(window.getByRole('button', { name: 'Send message' })).toBeVisible()
      }
      const kept = await lastReply(page)
        .getByText(/^Partial start\./)
        .innerText()
      await expect(lastReply(second).getByText(/^Partial start\./)).toHaveText(kept)

      sim.setReply('Short answer.')
      await sendMessage(page, 'Now briefly')
      await waitForReplyEnd(page)
      await expect(lastReply(second)).toContainText('Short answer.')
    } finally {
      await secondContext.close()
    }
  })
})

test.describe('a host that never answers', () => {
  // One idle "minute" lasts 1.5 s here, so the waiting line counts up and the default five end the reply in 7.5 s.
  test.use({ coreTiming: { idleMinuteMs: 1_500 } })

  test('says it is still waiting each minute, then stops the reply with the idle error', async ({
    app,
    sim,
  }, testInfo) => {
    const { page } = app
    sim.faults.stallNext('/api/chat')
    await sendMessage(page, 'Hello?')
    await expect(lastReply(page).getByText('Still waiting for Ollama (2 min)…')).toBeVisible()
    await captureAll(page, testInfo, 'still-waiting-for-ollama')

    await expect(
      lastReply(page).getByText(/^Ollama sent nothing for 5 minutes, so the reply was stopped\./),
    ).toBeVisible({ timeout: 10_000 })
    await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible()
    sim.setReply('Back again.')
    await sendMessage(page, 'Are you there now?')
    await waitForReplyEnd(page)
    await expect(lastReply(page)).toContainText('Back again.')
  })
})
