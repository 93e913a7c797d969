// Quitting the desktop app while a reply streams: the shell holds the quit for the real core's stop, which cancels
// the reply and saves its partial text, so the next start shows what had arrived (marked as stopped).
import { afterEach, describe, expect, it } from 'vitest'
import { setupDesktopApp } from '../test-support/desktop-app-harness'
import { startCoreHarness, unwrap, type CoreHarness } from '../test-support/core-harness'

describe('quitting while a reply streams', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('saves the partial reply as cancelled before the app quits', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 200 }, (_, i) => `t${i}`).join(' '))
    const shell = setupDesktopApp({ createCore: () => h.core })
    await shell.start()
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const pending = h.core.dispatch('chat:send', { requestId: 'q', conversationId: conversation.id, text: 'go' })
    await h.waitFor(() => h.eventsNamed('chat:delta').length >= 2)

    shell.app.quit()
    expect(shell.app.quitted).toBe(false)
    await h.waitFor(() => shell.app.quitted)
    // By the time the app quits, the reply has ended as stopped and its text is in the store.
    expect(h.eventsNamed('chat:ended').map((ended) => ended.requestId)).toContain('q')
    expect((await pending).ok).toBe(true)

    await h.restart()
    const last = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages.at(-1)
    expect(last?.status).toBe('cancelled')
    expect(last?.content.length).toBeGreaterThan(0)
  })
})
