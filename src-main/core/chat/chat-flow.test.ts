// The chat service through the real core: dispatch → chat service → client → simulator over real sockets,
// with history in SQLite. What Ollama received is asserted next to what was saved.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { recordFault } from '../../test-support/reliability-checks'

describe('chat through the core', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const newConversation = async (model: string | null = 'llama3:latest') =>
    unwrap(await h.core.dispatch('conversations:create', { model }))

  it('streams a reply, coalesces deltas, saves it and titles the conversation', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 2 } })
    h.sim.setReply('Hello there, this is a streamed reply with several tokens.')
    const conversation = await newConversation()
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'r1', conversationId: conversation.id, text: 'Say hello' }),
    )

    expect(turn.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'Hello there, this is a streamed reply with several tokens.',
      servedBy: 'llama3:latest',
      error: null,
    })
    expect(turn.conversation.title).toBe('Say hello')
    const started = h.eventsNamed('chat:started')
    expect(started).toHaveLength(1)
    expect(started[0]?.assistantMessage.id).toBe(turn.assistantMessage.id)
    expect(started[0]?.conversation.title).toBe('Say hello')
    const deltas = h.eventsNamed('chat:delta').filter((delta) => delta.requestId === 'r1')
    expect(deltas.map((delta) => delta.content).join('')).toBe(turn.assistantMessage.content)
    expect(h.eventsNamed('chat:progress').map((p) => p.phase)).toEqual(['waiting-for-model', 'streaming'])

    const stored = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id }))
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ])
    const sent = h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body as {
      model: string
      messages: unknown[]
      options?: unknown
    }
    expect(sent.model).toBe('llama3:latest')
    expect(sent.messages).toEqual([{ role: 'user', content: 'Say hello' }])
    expect(sent.options).toBeUndefined()
  })

  it('sends the system prompt and earlier turns, never notices', async () => {
    h = await startCoreHarness()
    const conversation = await newConversation()
    unwrap(
      await h.core.dispatch('conversations:update', {
        conversationId: conversation.id,
        systemPrompt: 'Answer in French.',
      }),
    )
    h.sim.setReply('Bonjour.')
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'Hi' }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'And again' }))
    const sent = h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body as { messages: unknown[] }
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Bonjour.' },
      { role: 'user', content: 'And again' },
    ])
  })

  it('keeps the partial reply when stopped, and cancelling again is not an error', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '))
    const conversation = await newConversation()
    const pending = h.core.dispatch('chat:send', {
      requestId: 'stop-me',
      conversationId: conversation.id,
      text: 'Talk a lot',
    })
    await h.waitFor(() => h.eventsNamed('chat:delta').length >= 2)
    expect(unwrap(await h.core.dispatch('chat:cancel', { requestId: 'stop-me' }))).toEqual({ cancelled: true })
    const turn = unwrap(await pending)
    expect(turn.assistantMessage.status).toBe('cancelled')
    expect(turn.assistantMessage.content.length).toBeGreaterThan(0)
    expect(turn.assistantMessage.content.length).toBeLessThan(200 * 5)
    expect(unwrap(await h.core.dispatch('chat:cancel', { requestId: 'stop-me' }))).toEqual({ cancelled: false })
    const stored = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id }))
    expect(stored.messages.at(-1)).toMatchObject({ status: 'cancelled', content: turn.assistantMessage.content })
  })

  it('refuses a second reply in the same conversation while one runs', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 50 }, () => 'slow').join(' '))
    const conversation = await newConversation()
    const first = h.core.dispatch('chat:send', { requestId: 'one', conversationId: conversation.id, text: 'first' })
    await h.waitFor(() => h.eventsNamed('chat:started').length === 1)
    const second = await h.core.dispatch('chat:send', {
      requestId: 'two',
      conversationId: conversation.id,
      text: 'second',
    })
    expect(second).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    await h.core.dispatch('chat:cancel', { requestId: 'one' })
    await first
  })

  it('refuses a requestId that is already running before saving or deleting anything', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    const other = await newConversation()
    h.sim.setReply('kept answer')
    unwrap(await h.core.dispatch('chat:send', { requestId: 'done', conversationId: other.id, text: 'kept question' }))
    const fresh = await newConversation()
    h.sim.setReply(Array.from({ length: 50 }, () => 'slow').join(' '))
    const running = await newConversation()
    const first = h.core.dispatch('chat:send', { requestId: 'dup', conversationId: running.id, text: 'first' })
    await h.waitFor(() => h.eventsNamed('chat:started').some((event) => event.requestId === 'dup'))

    const sent = await h.core.dispatch('chat:send', { requestId: 'dup', conversationId: fresh.id, text: 'never saved' })
    expect(sent).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    expect(unwrap(await h.core.dispatch('conversations:get', { conversationId: fresh.id }))).toMatchObject({
      conversation: { title: 'New chat' },
      messages: [],
    })
    const regenerated = await h.core.dispatch('chat:regenerate', { requestId: 'dup', conversationId: other.id })
    expect(regenerated).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    const kept = unwrap(await h.core.dispatch('conversations:get', { conversationId: other.id })).messages
    expect(kept.map((m) => m.content)).toEqual(['kept question', 'kept answer'])

    await h.core.dispatch('chat:cancel', { requestId: 'dup' })
    await first
  })

  it("saves a mid-stream error line as an error with the partial text and Ollama's message", async () => {
    recordFault('error-line')
    h = await startCoreHarness()
    h.sim.setReply('one two three four five six')
    h.sim.faults.errorLineAfter(3, 'llama runner process has terminated: signal: killed')
    const conversation = await newConversation()
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'e', conversationId: conversation.id, text: 'go' }),
    )
    expect(turn.assistantMessage.status).toBe('error')
    expect(turn.assistantMessage.error?.code).toBe('OLLAMA_STREAM_ERROR')
    expect(JSON.stringify(turn.assistantMessage.error)).toContain('llama runner process has terminated')
    expect(turn.assistantMessage.content.length).toBeGreaterThan(0)
  })

  it('saves a dropped stream as STREAM_INTERRUPTED, keeping what arrived', async () => {
    recordFault('dropped-stream')
    h = await startCoreHarness()
    h.sim.setReply('alpha beta gamma delta epsilon')
    h.sim.faults.dropStreamAfter(2)
    const conversation = await newConversation()
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'd', conversationId: conversation.id, text: 'go' }),
    )
    expect(turn.assistantMessage).toMatchObject({ status: 'error', error: { code: 'STREAM_INTERRUPTED' } })
    expect(turn.assistantMessage.content).toContain('alpha')
  })

  it('reports a missing model and an unreachable Ollama as typed errors on the reply', async () => {
    h = await startCoreHarness()
    const missing = await newConversation('not-installed')
    const turn = unwrap(await h.core.dispatch('chat:send', { requestId: 'm', conversationId: missing.id, text: 'hi' }))
    expect(turn.assistantMessage.error?.code).toBe('MODEL_NOT_FOUND')

    const conversation = await newConversation()
    await h.sim.faults.down()
    const down = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'u', conversationId: conversation.id, text: 'hi' }),
    )
    expect(down.assistantMessage.error?.code).toBe('OLLAMA_UNREACHABLE')
    await h.waitFor(() => h.eventsNamed('ollama:status').some((s) => s.state === 'unreachable'))
    await h.sim.faults.up()
    await h.waitFor(() => h.eventsNamed('ollama:status').at(-1)?.state === 'reachable')
  })

  it('saves the partial reply as cancelled when the app stops mid-reply', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 100 }, (_, i) => `t${i}`).join(' '))
    const conversation = await newConversation()
    const pending = h.core.dispatch('chat:send', { requestId: 'q', conversationId: conversation.id, text: 'go' })
    await h.waitFor(() => h.eventsNamed('chat:delta').length >= 2)
    await h.restart()
    const turn = await pending
    expect(turn.ok).toBe(true)
    const messages = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(messages.at(-1)?.status).toBe('cancelled')
    expect(messages.at(-1)?.content.length).toBeGreaterThan(0)
  })
})
