// Versions through the real core: regenerating, editing and showing another version of a message, with what
// Ollama received asserted next to what was saved (dispatch → chat service → client → simulator, history in SQLite).
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { recordFault } from '../../test-support/reliability-checks'

describe('reply versions through the core', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const newConversation = async (model: string | null = 'llama3:latest') =>
    unwrap(await h.core.dispatch('conversations:create', { model }))

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
})
