// Every reply says what context it really had: through the whole core, against the simulator on a real socket.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

describe('context report of a reply', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const send = async (conversationId: string, text: string, requestId = `r${Math.random().toString(36).slice(2)}`) =>
    unwrap(await h.core.dispatch('chat:send', { requestId, conversationId, text }))

  it('reports the asked and the effective context of a custom one, learning the runner once', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }] } })
    h.sim.setReply('ok then')
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const first = await send(conversation.id, 'hi')
    expect(first.assistantMessage.context).toMatchObject({
      asked: 4096,
      source: 'custom',
      effective: 4096,
      truncated: false,
      droppedMessages: 0,
      messageCut: false,
      lengthLimited: false,
    })
    expect(first.assistantMessage.context?.promptTokens).toBe(first.assistantMessage.stats?.promptTokens)
    expect(first.assistantMessage.context?.replyTokens).toBe(first.assistantMessage.stats?.replyTokens)
    // The /api/ps read came after the reply's stream, never before it.
    const paths = h.sim.requests.map((request) => request.path)
    expect(paths.lastIndexOf('/api/ps')).toBeGreaterThan(paths.lastIndexOf('/api/chat'))

    h.sim.clearRequests()
    const second = await send(conversation.id, 'again')
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/chat'])
    expect(second.assistantMessage.context).toMatchObject({ asked: 4096, effective: 4096 })
    // Saved with the reply.
    const stored = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(stored.at(-1)?.context).toEqual(second.assistantMessage.context)
  })

  it('reads the runner again once it was unloaded', async () => {
    h = await startCoreHarness()
    h.sim.setReply('ok')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    await send(conversation.id, 'hi')
    h.sim.unloadAll()
    unwrap(await h.core.dispatch('models:list', {}))
    h.sim.clearRequests()
    const turn = await send(conversation.id, 'again')
    expect(h.sim.requestsTo('/api/ps')).toHaveLength(1)
    expect(turn.assistantMessage.context?.effective).not.toBeNull()
  })

  it('says Ollama chose the context, and shows that choice on the Models page once seen', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }, { name: 'qwen3:8b' }] } })
    h.sim.setReply('ok')
    const before = unwrap(await h.core.dispatch('models:list', {}))
    expect(before.models.find((m) => m.name === 'llama3:latest')?.automaticContext).toBeNull()
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const turn = await send(conversation.id, 'hi')
    const effective = turn.assistantMessage.context?.effective
    expect(turn.assistantMessage.context).toMatchObject({ asked: null, source: 'ollama-default' })
    expect(effective).toEqual(expect.any(Number))
    const after = unwrap(await h.core.dispatch('models:list', {}))
    expect(after.models.find((m) => m.name === 'llama3:latest')?.automaticContext).toEqual({
      tokens: effective,
      basis: 'seen',
    })
  })

  it('says the context came from the model itself when it has a num_ctx parameter', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'baked', parameters: { num_ctx: 2048 } }] } })
    h.sim.setReply('ok')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'baked:latest' }))
    const turn = await send(conversation.id, 'hi')
    expect(turn.assistantMessage.context).toMatchObject({ asked: null, source: 'model', effective: 2048 })
  })

  it('saves a stopped reply without waiting on Ollama, and gives a stopped-before-any-text reply no report', async () => {
    h = await startCoreHarness({ sim: { tokenDelayMs: 20 } })
    h.sim.setReply('one two three four five six seven eight nine ten eleven twelve')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const pending = h.core.dispatch('chat:send', {
      requestId: 'stop-me',
      conversationId: conversation.id,
      text: 'count',
    })
    await h.waitFor(() => h.eventsNamed('chat:delta').length > 0)
    unwrap(await h.core.dispatch('chat:cancel', { requestId: 'stop-me' }))
    const turn = unwrap(await pending)
    expect(turn.assistantMessage.status).toBe('cancelled')
    expect(turn.assistantMessage.context).toMatchObject({ promptTokens: null, replyTokens: null, truncated: false })

    h.sim.faults.stallNext('/api/chat')
    const early = h.core.dispatch('chat:send', { requestId: 'early', conversationId: conversation.id, text: 'again' })
    await h.waitFor(() => h.eventsNamed('chat:progress').some((p) => p.requestId === 'early'))
    h.sim.clearRequests()
    unwrap(await h.core.dispatch('chat:cancel', { requestId: 'early' }))
    expect(unwrap(await early).assistantMessage).toMatchObject({ status: 'cancelled', context: null })
    expect(h.sim.requestsTo('/api/ps')).toHaveLength(0)
  })

  it.each([
    ['answers 500', (h: CoreHarness) => h.sim.faults.failNext('/api/ps', 500, 'scheduler busy')],
    ['answers garbage', (h: CoreHarness) => h.sim.faults.malformedNext('/api/ps')],
    ['never answers', (h: CoreHarness) => h.sim.faults.stallNext('/api/ps')],
  ])('saves the reply with an unknown context when /api/ps %s after it', async (_what, fault) => {
    h = await startCoreHarness()
    h.sim.setReply('fine')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    fault(h)
    const started = Date.now()
    const turn = await send(conversation.id, 'hi')
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(turn.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'fine',
      context: { effective: null, truncated: false },
    })
    expect(h.log.lines.filter((line) => line.level === 'error')).toEqual([])
  })

  it('raises no false alarm after the model changes or the system prompt is edited', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }, { name: 'qwen3:8b' }] } })
    h.sim.setReply('A short answer that says very little at all.')
    const conversation = unwrap(
      await h.core.dispatch('conversations:create', { model: 'llama3:latest', systemPrompt: 'x'.repeat(3000) }),
    )
    for (let i = 0; i < 6; i++)
      await send(conversation.id, `Message ${i}: ${'lorem ipsum dolor sit amet. '.repeat(20)}`)
    unwrap(
      await h.core.dispatch('conversations:update', { conversationId: conversation.id, systemPrompt: 'Be brief.' }),
    )
    const edited = await send(conversation.id, 'after the edit')
    expect(edited.assistantMessage.context?.truncated).toBe(false)
    unwrap(await h.core.dispatch('conversations:update', { conversationId: conversation.id, model: 'qwen3:8b' }))
    const switched = await send(conversation.id, 'after the switch')
    expect(switched.assistantMessage.context?.truncated).toBe(false)
    expect([edited, switched].flatMap((turn) => turn.notices)).toEqual([])
  })
})
