// "Continue in a new chat from a summary", through the core against the simulator.
import { afterEach, describe, expect, it } from 'vitest'
import type { SimChatRequest } from '../../../tools/ollama-sim/index'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import type { PromptEntry } from './conversation-text'
import { summaryParts } from './summary-flow'

describe('summaryParts', () => {
  const entry = (content: string): PromptEntry => ({ message: { role: 'user', content }, source: null })
  it('keeps the order, splits where the budget ends, and cuts a message longer than a part into pieces', () => {
    const entries = [entry('a'.repeat(400)), entry('b'.repeat(400)), entry('c'.repeat(400)), entry('d'.repeat(4000))]
    const parts = summaryParts(entries, 250)
    expect(parts.slice(0, 3).map((part) => part.map((e) => e.message.content[0]).join(''))).toEqual(['ab', 'c', 'd'])
    // The long message is cut into pieces no longer than a part, which together are the whole of it, in order.
    expect(parts.length).toBeGreaterThan(3)
    expect(
      parts
        .slice(2)
        .flat()
        .map((e) => e.message.content)
        .join(''),
    ).toBe('d'.repeat(4000))
    for (const part of parts.slice(2))
      expect(part.reduce((sum, e) => sum + e.message.content.length, 0)).toBeLessThanOrEqual(250 * 4)
    expect(summaryParts(entries, 100_000)).toHaveLength(1)
  })
})

describe('conversations:continueFromSummary', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const summaries: SimChatRequest[] = []
  const reply = (request: SimChatRequest) => {
    const last = request.messages.at(-1)?.content ?? ''
    if (last.includes('Write the summary')) {
      summaries.push(request)
      return `Summary ${summaries.length}: the user likes tea.`
    }
    return 'Got it.'
  }

  const fill = async (conversationId: string, turns: number, size: number) => {
    for (let i = 0; i < turns; i++) {
      unwrap(
        await h.core.dispatch('chat:send', {
          requestId: `t${i}`,
          conversationId,
          text: `Note ${i}: ${'tea '.repeat(size)}`,
        }),
      )
    }
  }

  it('has the model summarise through the same temporary model and starts a new chat with the summary', async () => {
    summaries.length = 0
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }], reply } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 4096 }))
    const created0 = unwrap(
      await h.core.dispatch('conversations:create', { model: 'llama3:latest', systemPrompt: 'Be kind.' }),
    )
    await fill(created0.id, 3, 20)
    const original = unwrap(await h.core.dispatch('conversations:get', { conversationId: created0.id })).conversation
    const created = unwrap(
      await h.core.dispatch('conversations:continueFromSummary', { requestId: 'sum', conversationId: original.id }),
    )

    expect(summaries).toHaveLength(1)
    expect(h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body).toMatchObject({ model: 'ollmchat-temp/llama3-oc4096' })
    expect(h.sim.requestsTo('/api/create', 'POST')).toHaveLength(1)
    expect(summaries[0]?.messages.at(-1)?.content).toContain('Note 2:')
    expect(created).toMatchObject({ model: 'llama3:latest', title: `${original.title} (continued)` })
    expect(created.systemPrompt).toBe(
      `Be kind.\n\nSummary of an earlier conversation (“${original.title}”):\nSummary 1: the user likes tea.`,
    )
    const { messages } = unwrap(await h.core.dispatch('conversations:get', { conversationId: created.id }))
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      role: 'notice',
      notice: { kind: 'continued-from', conversationId: original.id, title: original.title },
      content: expect.stringContaining('Summary 1: the user likes tea.') as unknown,
    })
    expect(
      h
        .eventsNamed('chat:progress')
        .filter((p) => p.phase === 'summarizing')
        .map((p) => p.text),
    ).toContain(`llama3 is writing a summary of “${original.title}”…`)
    // The original conversation is untouched.
    expect(unwrap(await h.core.dispatch('conversations:get', { conversationId: original.id })).messages).toHaveLength(6)
  })

  it('summarises part by part when the conversation is longer than the context, carrying each summary on', async () => {
    summaries.length = 0
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }], reply } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 2048 }))
    const created0 = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    await fill(created0.id, 8, 150)
    const original = unwrap(await h.core.dispatch('conversations:get', { conversationId: created0.id })).conversation
    unwrap(
      await h.core.dispatch('conversations:continueFromSummary', { requestId: 'sum', conversationId: original.id }),
    )
    expect(summaries.length).toBeGreaterThan(1)
    expect(summaries[1]?.messages.at(-1)?.content).toContain(
      'Summary of the earlier parts:\nSummary 1: the user likes tea.',
    )
    expect(h.eventsNamed('chat:progress').map((p) => p.text)).toContain(
      `llama3 is writing a summary of “${original.title}” (part 2 of ${summaries.length})…`,
    )
  })

  it('stops when cancelled and creates nothing; refuses while the conversation is answering', async () => {
    summaries.length = 0
    h = await startCoreHarness({ sim: { models: ['llama3'], reply, tokenDelayMs: 30 } })
    const original = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    await fill(original.id, 1, 5)
    const before = unwrap(await h.core.dispatch('conversations:list', {})).conversations.length
    const pending = h.core.dispatch('conversations:continueFromSummary', {
      requestId: 'sum',
      conversationId: original.id,
    })
    await h.waitFor(() => h.eventsNamed('chat:progress').some((p) => p.phase === 'summarizing'))
    expect(
      await h.core.dispatch('chat:send', { requestId: 'x', conversationId: original.id, text: 'hi' }),
    ).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    unwrap(await h.core.dispatch('chat:cancel', { requestId: 'sum' }))
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(unwrap(await h.core.dispatch('conversations:list', {})).conversations).toHaveLength(before)
  })

  it('creates nothing and says why when Ollama fails on a later part, or the stream drops', async () => {
    summaries.length = 0
    // Slow tokens, so the fault is set while the first part is still being written.
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }], reply, tokenDelayMs: 15 } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 2048 }))
    const original = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    await fill(original.id, 8, 150)
    const before = unwrap(await h.core.dispatch('conversations:list', {})).conversations.length

    const chatsSoFar = h.sim.requestsTo('/api/chat').length
    const failing = h.core.dispatch('conversations:continueFromSummary', {
      requestId: 's1',
      conversationId: original.id,
    })
    await h.waitFor(() => h.sim.requestsTo('/api/chat').length > chatsSoFar)
    h.sim.faults.failNext('/api/chat', 500, 'model runner has unexpectedly stopped')
    expect(await failing).toMatchObject({ ok: false, error: { code: 'OLLAMA_ERROR' } })
    expect(summaries.length).toBe(1)

    h.sim.faults.dropStreamAfter(2)
    expect(
      await h.core.dispatch('conversations:continueFromSummary', { requestId: 's2', conversationId: original.id }),
    ).toMatchObject({ ok: false, error: { code: 'STREAM_INTERRUPTED' } })
    expect(unwrap(await h.core.dispatch('conversations:list', {})).conversations).toHaveLength(before)
    // The conversation is free again afterwards.
    unwrap(await h.core.dispatch('chat:send', { requestId: 'after', conversationId: original.id, text: 'still here' }))
  })

  it('keeps each request within the context and the summary within the system prompt limit', async () => {
    summaries.length = 0
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }], reply } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 2048 }))
    const original = unwrap(
      await h.core.dispatch('conversations:create', { model: 'llama3:latest', systemPrompt: 's'.repeat(19_990) }),
    )
    // One message far longer than the context: it is summarised in pieces, never sent whole.
    unwrap(
      await h.core.dispatch('chat:send', { requestId: 'big', conversationId: original.id, text: 'word '.repeat(4000) }),
    )
    const created = unwrap(
      await h.core.dispatch('conversations:continueFromSummary', { requestId: 's', conversationId: original.id }),
    )
    const bodies = h.sim
      .requestsTo('/api/chat')
      .slice(-summaries.length)
      .map((r) => r.body as { options?: { num_predict?: number } })
    expect(summaries.length).toBeGreaterThan(2)
    for (const body of bodies) expect(body.options?.num_predict).toBe(512)
    expect(created.systemPrompt.length).toBeLessThanOrEqual(20_000)
  })

  it('refuses an empty conversation', async () => {
    h = await startCoreHarness()
    const empty = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    expect(
      await h.core.dispatch('conversations:continueFromSummary', { requestId: 's', conversationId: empty.id }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
