// Per-conversation options and thinking through the real core: dispatch → history → reply runner → client →
// simulator over real sockets. What /api/chat received is asserted exactly, and the warm turn stays one request.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

describe('conversation options and thinking', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const chatBodies = () =>
    h.sim.requestsTo('/api/chat', 'POST').map((request) => request.body as Record<string, unknown>)

  it('sends the options and think exactly as set, the reply follows them, and a warm turn is one request', async () => {
    h = await startCoreHarness({ sim: { models: ['qwen3:8b'] } })
    h.sim.setReply('Paris is the capital. More text follows here.')
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'qwen3:8b' }))
    const updated = unwrap(
      await h.core.dispatch('conversations:update', {
        conversationId: conversation.id,
        options: { temperature: 0.2, seed: 7, stop: ['More'] },
        think: false,
      }),
    )
    expect(updated).toMatchObject({ options: { temperature: 0.2, seed: 7, stop: ['More'] }, think: false })

    const first = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'Capital?' }),
    )
    expect(first.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'Paris is the capital. ',
      thinking: '',
    })
    const sent = chatBodies().at(-1)
    expect(sent?.options).toEqual({ temperature: 0.2, seed: 7, stop: ['More'] })
    expect(sent?.think).toBe(false)

    h.sim.clearRequests()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'Again' }))
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/chat'])
  })

  it('sends neither options nor think when nothing is set, so the model thinks by default', async () => {
    h = await startCoreHarness({ sim: { models: ['qwen3:8b'] } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'qwen3:8b' }))
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'Hi' }),
    )
    const sent = chatBodies().at(-1) ?? {}
    expect('options' in sent).toBe(false)
    expect('think' in sent).toBe(false)
    expect(turn.assistantMessage.thinking).not.toBe('')
  })

  it('sends a thinking level, and resetting every option sends none again', async () => {
    h = await startCoreHarness({ sim: { models: ['gpt-oss:20b'] } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'gpt-oss:20b' }))
    unwrap(
      await h.core.dispatch('conversations:update', {
        conversationId: conversation.id,
        think: 'high',
        options: { top_k: 5 },
      }),
    )
    unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'Hi' }))
    expect(chatBodies().at(-1)).toMatchObject({ think: 'high', options: { top_k: 5 } })

    const reset = unwrap(
      await h.core.dispatch('conversations:update', { conversationId: conversation.id, options: {}, think: null }),
    )
    expect(reset).toMatchObject({ options: {}, think: null })
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'Again' }))
    const sent = chatBodies().at(-1) ?? {}
    expect('options' in sent || 'think' in sent).toBe(false)
  })

  it('sends think only as the model takes it, so a choice made elsewhere never fails every reply', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'qwen3:8b'] } })
    // What a model can do is read from what the catalog already knows (no request before the reply); a window lists
    // the models when it opens, so the listing is known by the first send.
    unwrap(await h.core.dispatch('models:list', {}))
    // The window offers no thinking for llama3 and no levels for qwen3; another caller (an import) may still store them.
    const plain = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    unwrap(await h.core.dispatch('conversations:update', { conversationId: plain.id, think: true }))
    const turn = unwrap(await h.core.dispatch('chat:send', { requestId: 'a', conversationId: plain.id, text: 'Hi' }))
    expect(turn.assistantMessage.status).toBe('complete')
    expect('think' in (chatBodies().at(-1) ?? {})).toBe(false)

    const thinker = unwrap(await h.core.dispatch('conversations:create', { model: 'qwen3:8b' }))
    unwrap(await h.core.dispatch('conversations:update', { conversationId: thinker.id, think: 'high' }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: thinker.id, text: 'Hi' }))
    expect('think' in (chatBodies().at(-1) ?? {})).toBe(false)
    h.sim.clearRequests()
    unwrap(await h.core.dispatch('conversations:update', { conversationId: thinker.id, think: false }))
    unwrap(await h.core.dispatch('chat:send', { requestId: 'c', conversationId: thinker.id, text: 'Again' }))
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/chat'])
    expect(chatBodies().at(-1)?.think).toBe(false)
  })

  it('asks Ollama nothing before the reply to learn what the model takes, even when /api/show fails', async () => {
    h = await startCoreHarness({ sim: { models: ['qwen3:8b'] } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'qwen3:8b' }))
    unwrap(await h.core.dispatch('conversations:update', { conversationId: conversation.id, think: false }))
    h.sim.faults.failNext('/api/show', 500, 'something broke', 5)
    h.sim.clearRequests()
    unwrap(await h.core.dispatch('chat:send', { requestId: 'cold', conversationId: conversation.id, text: 'Hi' }))
    const seen = h.sim.requests.map((request) => `${request.method} ${request.path}`)
    const before = seen.slice(0, seen.indexOf('POST /api/chat'))
    // (The version check and listing of a fresh start may come first; what the model takes is never asked for.)
    expect(before.filter((request) => request.endsWith('/api/show'))).toEqual([])
    // Nothing known yet about the model, so the choice is sent as made.
    expect(chatBodies()[0]?.think).toBe(false)
  })

  it('keeps the options across a restart and resets thinking when the model changes', async () => {
    h = await startCoreHarness({ sim: { models: ['qwen3:8b', 'llama3'] } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'qwen3:8b' }))
    unwrap(
      await h.core.dispatch('conversations:update', {
        conversationId: conversation.id,
        think: true,
        options: { num_predict: 64 },
      }),
    )
    await h.restart()
    const reopened = unwrap(
      await h.core.dispatch('conversations:get', { conversationId: conversation.id }),
    ).conversation
    expect(reopened).toMatchObject({ think: true, options: { num_predict: 64 } })

    const moved = unwrap(
      await h.core.dispatch('conversations:update', { conversationId: conversation.id, model: 'llama3:latest' }),
    )
    expect(moved).toMatchObject({ model: 'llama3:latest', think: null, options: { num_predict: 64 } })
    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'a', conversationId: conversation.id, text: 'Hi' }),
    )
    expect(turn.assistantMessage.status).toBe('complete')
    expect(chatBodies().at(-1)).toMatchObject({ options: { num_predict: 64 } })
  })

  it.each([
    [{ temperature: 3 }, 'options.temperature must be a number from 0 to 2'],
    [{ top_k: 1.5 }, 'options.top_k must be a whole number from 0 to 1,000'],
    [{ seed: '7' }, 'options.seed must be a whole number from -1 to 4,294,967,295'],
    [{ stop: [''] }, 'options.stop.0 cannot hold an empty sequence'],
    [{ stop: Array.from({ length: 9 }, (_, i) => `s${i}`) }, 'options.stop holds more than 8 sequences'],
    [{ mirostat: 1 }, 'options has unknown fields'],
  ])('refuses the options %j with a sentence', async (options, words) => {
    h = await startCoreHarness()
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const result = await h.core.dispatch('conversations:update', { conversationId: conversation.id, options })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).toContain(words)
    expect(result.error.message).toMatch(/\.$/)
  })

  it('refuses a thinking choice Ollama would not take', async () => {
    h = await startCoreHarness()
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const result = await h.core.dispatch('conversations:update', { conversationId: conversation.id, think: 'max' })
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('think must be true, false') as unknown,
    })
  })
})
