// A reply keeps the connection it looked up when its request came, through host switches during its image check and
// its model's creation: the real core, three simulators on real sockets.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { base64Of, PNG_1PX } from '../../test-support/test-images'
import { OllamaClient } from '../ollama/client'

describe('a reply across host switches', () => {
  let h: CoreHarness
  const others: OllamaSim[] = []
  afterEach(async () => {
    vi.restoreAllMocks()
    await h.close()
    await Promise.all(others.splice(0).map((sim) => sim.close()))
  })

  it("runs on one host from its image check to its save, and that host's client closes only after it", async () => {
    h = await startCoreHarness({ sim: { models: ['gemma3:4b'], reply: 'from the first host' } })
    const second = await startOllamaSim({ models: ['gemma3:4b'], reply: 'from the second host' })
    const third = await startOllamaSim({ models: ['gemma3:4b'], reply: 'from the third host' })
    others.push(second, third)
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'gemma3:4b', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'gemma3:4b' }))
    // A fresh core knows nothing of the model yet, so the image check asks Ollama (`/api/show`).
    await h.restart()
    const closes = vi.spyOn(OllamaClient.prototype, 'close')
    const firstHostClosed = () => closes.mock.contexts.some((client) => (client as OllamaClient).host === h.sim.url)
    // Slow enough that each switch lands while the call it waited for is still in flight.
    h.sim.faults.latency(200)

    const pending = h.core.dispatch('chat:send', {
      requestId: 'spans-switches',
      conversationId: conversation.id,
      text: 'What is this?',
      images: [base64Of(PNG_1PX)],
    })
    await h.waitFor(() => h.sim.requestsTo('/api/show').length === 1)
    unwrap(await h.core.dispatch('settings:update', { ollamaHost: second.url }))
    await h.waitFor(() => h.sim.requestsTo('/api/create').length === 1)
    unwrap(await h.core.dispatch('settings:update', { ollamaHost: third.url }))
    await h.waitFor(() => h.sim.requestsTo('/api/chat', 'POST').length === 1)
    expect(firstHostClosed()).toBe(false)

    const turn = unwrap(await pending)
    expect(turn.assistantMessage).toMatchObject({ status: 'complete', content: 'from the first host' })
    expect(turn.assistantMessage.servedBy).toMatch(/^ollmchat-temp\/gemma3-oc4096/)
    for (const other of [second, third]) {
      expect(other.requestsTo('/api/create')).toHaveLength(0)
      expect(other.requestsTo('/api/chat', 'POST')).toHaveLength(0)
    }
    await h.waitFor(firstHostClosed)
  })
})
