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

  it('regenerates the last reply and edits an earlier message, replacing what followed', async () => {
    h = await startCoreHarness()
    const conversation = await newConversation()
    h.sim.setReply('first answer')
    unwrap(
      await h.core.dispatch('chat:send', { requestId: 's1', conversationId: conversation.id, text: 'question one' }),
    )
    unwrap(
      await h.core.dispatch('chat:send', { requestId: 's2', conversationId: conversation.id, text: 'question two' }),
    )
    h.sim.setReply('second answer')
    const regenerated = unwrap(
      await h.core.dispatch('chat:regenerate', { requestId: 's3', conversationId: conversation.id }),
    )
    expect(regenerated.userMessage).toBeNull()
    let messages = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(messages.map((m) => m.content)).toEqual(['question one', 'first answer', 'question two', 'second answer'])

    const firstQuestion = messages[0]
    if (!firstQuestion) throw new Error('missing message')
    h.sim.setReply('edited answer')
    unwrap(
      await h.core.dispatch('chat:editAndResend', {
        requestId: 's4',
        conversationId: conversation.id,
        messageId: firstQuestion.id,
        text: 'question one, edited',
      }),
    )
    messages = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(messages.map((m) => m.content)).toEqual(['question one, edited', 'edited answer'])
    const sent = h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body as { messages: unknown[] }
    expect(sent.messages).toEqual([{ role: 'user', content: 'question one, edited' }])
  })

  it('keeps every version: shows the first again, and the model is sent the path shown', async () => {
    h = await startCoreHarness()
    const conversation = await newConversation()
    h.sim.setReply('first answer')
    const first = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'v1', conversationId: conversation.id, text: 'question' }),
    )
    h.sim.setReply('second answer')
    const second = unwrap(
      await h.core.dispatch('chat:regenerate', { requestId: 'v2', conversationId: conversation.id }),
    )
    expect(second.assistantMessage.versions).toEqual({ index: 2, count: 2 })
    expect(second.assistantMessage.parentId).toBe(first.userMessage?.id)

    const shown = unwrap(
      await h.core.dispatch('conversations:showVersion', {
        conversationId: conversation.id,
        messageId: second.assistantMessage.id,
        version: 1,
      }),
    )
    expect(shown.changed).toBe(true)
    expect(shown.messages.map((m) => [m.content, m.versions.index])).toEqual([['first answer', 1]])
    expect(h.eventsNamed('conversations:versionShown').at(-1)).toMatchObject({
      conversationId: conversation.id,
      replacedId: second.assistantMessage.id,
    })
    h.sim.setReply('follow-up answer')
    unwrap(await h.core.dispatch('chat:send', { requestId: 'v3', conversationId: conversation.id, text: 'and then?' }))
    const sent = h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body as { messages: Array<{ content: string }> }
    expect(sent.messages.map((m) => m.content)).toEqual(['question', 'first answer', 'and then?'])

    const refused = await h.core.dispatch('conversations:showVersion', {
      conversationId: conversation.id,
      messageId: first.assistantMessage.id,
      version: 3,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const badInput = await h.core.dispatch('conversations:showVersion', {
      conversationId: conversation.id,
      messageId: first.assistantMessage.id,
      version: 0,
    })
    expect(badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuses to show another version while the conversation answers, and changes nothing', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    const conversation = await newConversation()
    h.sim.setReply('first answer')
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b1', conversationId: conversation.id, text: 'question' }))
    const second = unwrap(
      await h.core.dispatch('chat:regenerate', { requestId: 'b2', conversationId: conversation.id }),
    )
    h.sim.setReply(Array.from({ length: 50 }, () => 'slow').join(' '))
    const running = h.core.dispatch('chat:send', {
      requestId: 'b3',
      conversationId: conversation.id,
      text: 'and then?',
    })
    await h.waitFor(() => h.eventsNamed('chat:started').some((event) => event.requestId === 'b3'))
    const refused = await h.core.dispatch('conversations:showVersion', {
      conversationId: conversation.id,
      messageId: second.assistantMessage.id,
      version: 1,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    await h.core.dispatch('chat:cancel', { requestId: 'b3' })
    await running
    const path = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(path[1]?.versions).toEqual({ index: 2, count: 2 })
  })

  it("keeps an edited message's original and its replies as the previous version", async () => {
    h = await startCoreHarness()
    const conversation = await newConversation()
    h.sim.setReply('original answer')
    const turn = unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'e1',
        conversationId: conversation.id,
        text: 'original question',
      }),
    )
    h.sim.setReply('edited answer')
    const edited = unwrap(
      await h.core.dispatch('chat:editAndResend', {
        requestId: 'e2',
        conversationId: conversation.id,
        messageId: turn.userMessage?.id ?? '',
        text: 'edited question',
      }),
    )
    expect(edited.userMessage?.id).not.toBe(turn.userMessage?.id)
    expect(edited.userMessage?.versions).toEqual({ index: 2, count: 2 })
    const back = unwrap(
      await h.core.dispatch('conversations:showVersion', {
        conversationId: conversation.id,
        messageId: edited.userMessage?.id ?? '',
        version: 1,
      }),
    )
    expect(back.messages.map((m) => m.content)).toEqual(['original question', 'original answer'])
  })

  it('drops a failed reply without text on regenerate instead of keeping it as a version', async () => {
    recordFault('http-error')
    h = await startCoreHarness()
    const conversation = await newConversation()
    h.sim.faults.failNext('/api/chat', 500, 'llama runner process has terminated: exit status 2')
    const failed = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'f1', conversationId: conversation.id, text: 'question' }),
    )
    expect(failed.assistantMessage).toMatchObject({ status: 'error', content: '' })
    h.sim.setReply('it worked')
    const retried = unwrap(
      await h.core.dispatch('chat:regenerate', { requestId: 'f2', conversationId: conversation.id }),
    )
    expect(retried.assistantMessage.versions).toEqual({ index: 1, count: 1 })
    const messages = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(messages.map((m) => m.content)).toEqual(['question', 'it worked'])
  })

  it('refuses to edit an assistant message or regenerate an empty conversation', async () => {
    h = await startCoreHarness()
    const conversation = await newConversation()
    expect(await h.core.dispatch('chat:regenerate', { requestId: 'x', conversationId: conversation.id })).toMatchObject(
      { ok: false, error: { code: 'INVALID_INPUT' } },
    )
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'y', conversationId: conversation.id, text: 'hi' }),
    )
    const edit = await h.core.dispatch('chat:editAndResend', {
      requestId: 'z',
      conversationId: conversation.id,
      messageId: turn.assistantMessage.id,
      text: 'nope',
    })
    expect(edit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
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
