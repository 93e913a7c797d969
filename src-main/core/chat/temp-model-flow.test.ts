// The distinctive mechanism end to end through the core: a custom num_ctx makes the chat go through a temporary
// model, prepared once, reused warm, recreated when it vanished, and replaced by the base (with a notice) when
// it cannot be made.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

describe('temporary models in chats', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const chatBodies = () =>
    h.sim
      .requestsTo('/api/chat', 'POST')
      .map((request) => request.body as { model: string; options?: { num_ctx?: number } })

  const setup = async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }] } })
    h.sim.setReply('ok')
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 }))
    return unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
  }

  it('creates ollmchat-temp/llama3-oc4096 once, chats with it, and adds no request on a warm turn', async () => {
    const conversation = await setup()
    const first = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'hi' }),
    )
    expect(first.assistantMessage).toMatchObject({
      status: 'complete',
      servedBy: 'ollmchat-temp/llama3-oc4096',
      numCtx: 4096,
    })
    const creates = h.sim.requestsTo('/api/create', 'POST')
    expect(creates).toHaveLength(1)
    expect(creates[0]?.body).toMatchObject({
      model: 'ollmchat-temp/llama3-oc4096',
      from: 'llama3:latest',
      parameters: { num_ctx: 4096 },
    })
    expect(chatBodies().at(-1)?.model).toBe('ollmchat-temp/llama3-oc4096')
    expect(h.eventsNamed('chat:progress').map((p) => p.text)).toContain('Preparing llama3 with a 4K context…')
    expect(h.sim.getModel('ollmchat-temp/llama3-oc4096')?.parameters).toMatchObject({ num_ctx: 4096 })

    h.sim.clearRequests()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'again' }))
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/chat'])
  })

  it('never lists a temporary model, however many the simulator holds', async () => {
    await setup()
    h.sim.addModel({ name: 'ollmchat-temp/other-oc2048' })
    h.sim.addModel({ name: 'OLLMCHAT-TEMP/Shouty-oc8192' })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'c', conversationId: conversation.id, text: 'hi' }))
    const { models } = unwrap(await h.core.dispatch('models:list', {}))
    expect(models.map((model) => model.name)).toEqual(['llama3:latest'])
    expect(models[0]).toMatchObject({ customNumCtx: 4096, trainedContext: 8192 })
  })

  it('recreates the temporary model once and retries when it vanished between turns', async () => {
    const conversation = await setup()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'hi' }))
    expect(h.sim.removeModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'still there?' }),
    )
    expect(turn.assistantMessage).toMatchObject({ status: 'complete', servedBy: 'ollmchat-temp/llama3-oc4096' })
    expect(h.sim.requestsTo('/api/create', 'POST')).toHaveLength(2)
    expect(h.sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    expect(h.log.lines.some((line) => line.message.includes('vanished'))).toBe(true)
  })

  it('falls back to the base model with options.num_ctx and a notice when creating fails', async () => {
    const conversation = await setup()
    h.sim.faults.failNext('/api/create', 500, 'no space left on device')
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'f', conversationId: conversation.id, text: 'hi' }),
    )
    expect(turn.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'ok',
      servedBy: 'llama3:latest',
      numCtx: 4096,
    })
    expect(chatBodies().at(-1)).toMatchObject({ model: 'llama3:latest', options: { num_ctx: 4096 } })
    expect(turn.notices).toHaveLength(1)
    expect(turn.notices[0]?.content).toMatch(
      /Could not prepare llama3 with a 4K context .*no space left on device.*asks Ollama for a 4K context/,
    )
    expect(h.eventsNamed('chat:notice')).toHaveLength(1)
    expect(h.log.lines.some((line) => line.level === 'warn' && line.message.includes('falling back'))).toBe(true)
    const stored = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant', 'notice'])
  })

  it('uses the new context from the next message on, without deleting the old temporary model', async () => {
    const conversation = await setup()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'hi' }))
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 8192 }))
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'bigger' }),
    )
    expect(turn.assistantMessage.servedBy).toBe('ollmchat-temp/llama3-oc8192')
    expect(h.sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    expect(h.sim.requestsTo('/api/delete', 'DELETE')).toHaveLength(0)

    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: null }))
    const plain = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'c', conversationId: conversation.id, text: 'default' }),
    )
    expect(plain.assistantMessage).toMatchObject({ servedBy: 'llama3:latest', numCtx: null })
  })

  it('refuses an invalid num_ctx with a clear message and saves nothing', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }] } })
    const tooBig = await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 16384 })
    expect(tooBig).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUM_CTX', message: expect.stringContaining('8,192') as string },
    })
    const fraction = await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096.5 })
    expect(fraction).toMatchObject({ ok: false, error: { code: 'INVALID_NUM_CTX' } })
    const text = await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 'abc' })
    expect(text).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const missing = await h.core.dispatch('models:setNumCtx', { model: 'nope', numCtx: 4096 })
    expect(missing).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND' } })
    expect(unwrap(await h.core.dispatch('settings:get', {})).modelOptions).toEqual({})
  })

  it('keeps the setting across a restart and recreates nothing that is already there', async () => {
    const conversation = await setup()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'hi' }))
    h.sim.load('ollmchat-temp/llama3-oc4096', { numCtx: 4096 })
    await h.restart()
    h.sim.clearRequests()
    unwrap(
      await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'after restart' }),
    )
    expect(h.sim.requestsTo('/api/create', 'POST')).toHaveLength(0)
    expect(chatBodies().at(-1)?.model).toBe('ollmchat-temp/llama3-oc4096')
  })
})

describe('start-up clean-up through the core', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('deletes unused temporary models, keeps a loaded one, never touches other models', async () => {
    h = await startCoreHarness({
      start: false,
      sim: {
        models: [
          'llama3',
          'qwen3:8b',
          'ollmchat-temp/llama3-oc2048',
          'ollmchat-temp/qwen3-oc16384:8b-0123456789abcdef',
          'ollmchat-temp/llama3-oc4096',
        ],
      },
    })
    h.sim.load('ollmchat-temp/llama3-oc4096', { numCtx: 4096 })
    h.core.start()
    await h.waitFor(
      () =>
        !h.sim.hasModel('ollmchat-temp/llama3-oc2048') &&
        !h.sim.hasModel('ollmchat-temp/qwen3-oc16384:8b-0123456789abcdef'),
    )
    expect(h.sim.hasModel('ollmchat-temp/llama3-oc4096')).toBe(true)
    expect(h.sim.hasModel('llama3')).toBe(true)
    expect(h.sim.hasModel('qwen3:8b')).toBe(true)
    const deleted = h.sim
      .requestsTo('/api/delete', 'DELETE')
      .map((request) => request.body as { name?: string; model?: string })
    expect(deleted).toHaveLength(2)
    // The log says what was deleted and what was kept.
    await h.waitFor(() => h.log.lines.some((line) => line.message === 'cleaned up temporary models'))
    const report = h.log.lines.find((line) => line.message === 'cleaned up temporary models')?.fields as {
      deleted: string[]
      kept: unknown[]
    }
    expect(report.deleted).toHaveLength(2)
    expect(report.kept).toHaveLength(1)
  })

  it('waits for Ollama when it is down at start, then cleans up', async () => {
    h = await startCoreHarness({ start: false, sim: { models: ['llama3', 'ollmchat-temp/llama3-oc2048'] } })
    await h.sim.faults.down()
    h.core.start()
    await h.waitFor(() => h.eventsNamed('ollama:status').some((status) => status.state === 'unreachable'))
    expect(h.sim.hasModel('ollmchat-temp/llama3-oc2048')).toBe(true)
    await h.sim.faults.up()
    await h.waitFor(() => !h.sim.hasModel('ollmchat-temp/llama3-oc2048'), 10_000)
  })
})
