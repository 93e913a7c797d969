// The moments the app must tell the truth about, through the whole core against the simulator (real sockets):
// Ollama dropping history, refusing an over-long message, cutting one, running out of memory, choosing its own
// context, refusing chat, asking for a sign-in, and stopping a reply at its length limit.
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatTurn } from '../../../src-shared/types'
import type { SimChatRequest } from '../../../tools/ollama-sim/index'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

const GiB = 1024 ** 3
const REPLY = 'Noted. I will keep that in mind, together with everything you told me before, and answer briefly.'

describe('context at its limits', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const send = async (conversationId: string, text: string): Promise<ChatTurn> =>
    unwrap(
      await h.core.dispatch('chat:send', {
        requestId: `r${Math.random().toString(36).slice(2)}`,
        conversationId,
        text,
      }),
    )

  /** The number of user and assistant messages the simulated model saw in each request. */
  const seen: number[] = []
  const countingReply = (request: SimChatRequest) => {
    seen.push(request.messages.filter((m) => m.role !== 'system').length)
    return REPLY
  }

  it('notices once when Ollama starts dropping history, with the count, the context and a larger one to raise to', async () => {
    seen.length = 0
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }], reply: countingReply } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 2048 }))
    const conversation = unwrap(
      await h.core.dispatch('conversations:create', { model: 'llama3:latest', systemPrompt: 'Remember what I say.' }),
    )
    const fact = (i: number) => `Fact number ${i}: ${'the quick brown fox jumps over the lazy dog. '.repeat(6)}`
    let turn: ChatTurn | undefined
    let sent = 0
    while (sent < 40) {
      sent++
      turn = await send(conversation.id, fact(sent))
      const sentMessages = sent * 2 - 1
      const truth = sentMessages - (seen.at(-1) ?? 0)
      expect(turn.assistantMessage.context?.truncated).toBe(truth > 0)
      if (truth > 0) {
        expect(Math.abs((turn.assistantMessage.context?.droppedMessages ?? 0) - truth)).toBeLessThanOrEqual(1)
        break
      }
      expect(turn.notices).toHaveLength(0)
    }
    expect(turn?.assistantMessage.context).toMatchObject({ asked: 2048, effective: 2048, truncated: true })
    const dropped = turn?.assistantMessage.context?.droppedMessages ?? 0
    expect(turn?.notices).toHaveLength(1)
    expect(turn?.notices[0]).toMatchObject({
      role: 'notice',
      content: `llama3 no longer sees ${dropped === 1 ? 'the first message' : `the first ${dropped} messages`} of this chat: it runs with a 2K context.`,
      notice: {
        kind: 'context-truncated',
        model: 'llama3:latest',
        effective: 2048,
        droppedMessages: dropped,
        raiseTo: 4096,
        raiseBlockedReason: null,
      },
    })
    // Said once: the next truncated reply adds no second notice.
    const next = await send(conversation.id, fact(sent + 1))
    expect(next.assistantMessage.context?.truncated).toBe(true)
    expect(next.notices).toHaveLength(0)
    // Raised (the notice's action), it fits again; when it overflows the larger context, the notice comes again.
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3:latest', numCtx: 4096 }))
    let raised = await send(conversation.id, fact(sent + 2))
    expect(raised.assistantMessage.context).toMatchObject({ asked: 4096, effective: 4096, truncated: false })
    for (let i = 0; i < 40 && raised.notices.length === 0; i++) raised = await send(conversation.id, fact(sent + 3 + i))
    expect(raised.notices[0]?.notice).toMatchObject({ kind: 'context-truncated', effective: 4096, raiseTo: 8192 })
  })

  it('refuses a message too long for the context with the numbers, never raw JSON, and offers a context that holds it', async () => {
    h = await startCoreHarness({ sim: { models: [{ name: 'llama3', contextLength: 8192 }] } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3', numCtx: 2048 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3:latest' }))
    const turn = await send(conversation.id, 'lorem ipsum dolor sit amet '.repeat(600))
    expect(turn.assistantMessage.status).toBe('error')
    expect(turn.assistantMessage.error).toMatchObject({
      code: 'PROMPT_TOO_LONG',
      message:
        'Your message and the system prompt are about 2.9K tokens; llama3 runs with 2K here. Raise its context (up to 8K) or shorten the message.',
      action: { kind: 'set-num-ctx', model: 'llama3:latest', numCtx: 4096, label: 'Use 4K for llama3' },
    })
    expect(turn.assistantMessage.error?.message).not.toContain('{')
  })

  it('says when Ollama kept only the end of the message (rendered path, context shift on)', async () => {
    h = await startCoreHarness({ sim: { models: ['gpt-oss:20b'], reply: 'ok' } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'gpt-oss:20b', numCtx: 4096 }))
    const conversation = unwrap(
      await h.core.dispatch('conversations:create', { model: 'gpt-oss:20b', systemPrompt: 'Be brief.' }),
    )
    const turn = await send(conversation.id, 'y'.repeat(30_000))
    expect(turn.assistantMessage.status).toBe('complete')
    expect(turn.assistantMessage.context).toMatchObject({ truncated: true, messageCut: true, effective: 4096 })
    expect(turn.notices[0]?.content).toBe(
      "Your message is too long for gpt-oss:20b's 4K context: Ollama kept only its end, so gpt-oss:20b did not see the start of it or the system prompt.",
    )
  })

  it('refuses an over-long message on a model without context shift with an estimate of its size', async () => {
    // A deepseek2-family model whose prompt Ollama renders itself (a Go template): context shift is off for the family.
    h = await startCoreHarness({ sim: { models: [{ name: 'deepseek-v2:16b', chatPath: 'rendered' }] } })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'deepseek-v2:16b', numCtx: 2048 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'deepseek-v2:16b' }))
    const turn = await send(conversation.id, 'lorem ipsum dolor sit amet '.repeat(600))
    // Ollama gives no numbers on this path: the size is ollmchat's estimate (about 4 characters per token).
    expect(turn.assistantMessage.error).toMatchObject({
      code: 'PROMPT_TOO_LONG',
      message: expect.stringMatching(
        /^Your message and the system prompt are about 4K tokens; deepseek-v2:16b runs with 2K here\./,
      ) as unknown,
    })
  })

  it('explains an out-of-memory load of an explicit context and suggests one that fits', async () => {
    h = await startCoreHarness({
      sim: { models: ['llama3.1:8b'], gpuMemoryBytes: 8 * GiB, systemMemoryBytes: 8 * GiB },
    })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3.1:8b', numCtx: 131072 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3.1:8b' }))
    const turn = await send(conversation.id, 'hello')
    expect(turn.assistantMessage.error).toMatchObject({
      code: 'OUT_OF_MEMORY',
      action: { kind: 'set-num-ctx', model: 'llama3.1:8b' },
    })
    expect(turn.assistantMessage.error?.message).toMatch(
      /^llama3\.1:8b could not be loaded with a 128K context: Ollama ran out of memory \(about [\d.]+ GB at that size\)\. Try \d+K \(about [\d.]+ GB\)\.$/,
    )
    const suggestion =
      turn.assistantMessage.error?.action?.kind === 'set-num-ctx' ? turn.assistantMessage.error.action.numCtx : 0
    // The suggestion loads.
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3.1:8b', numCtx: suggestion }))
    expect((await send(conversation.id, 'again')).assistantMessage).toMatchObject({
      status: 'complete',
      context: { effective: suggestion },
    })
  })

  it('reports the context Ollama really chose after stepping an automatic one down for memory', async () => {
    const big = {
      name: 'big',
      contextLength: 262144,
      sizeBytes: 20e9,
      architecture: { blockCount: 64, headCount: 64, headCountKv: 16, embeddingLength: 8192 },
    }
    h = await startCoreHarness({
      sim: { models: [big], gpuMemoryBytes: 48 * GiB, systemMemoryBytes: 16 * GiB, reply: 'ok' },
    })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'big:latest' }))
    const turn = await send(conversation.id, 'hi')
    expect(turn.assistantMessage.context).toMatchObject({ source: 'ollama-default', asked: null, effective: 32768 })
    const { models } = unwrap(await h.core.dispatch('models:list', {}))
    expect(models[0]).toMatchObject({ automaticContext: { tokens: 32768, basis: 'seen' }, runningContext: 32768 })
  })

  it("shows a spill to the CPU in the loaded model's memory", async () => {
    h = await startCoreHarness({
      sim: { models: ['llama3.1:8b'], gpuMemoryBytes: 8 * GiB, systemMemoryBytes: 32 * GiB, reply: 'ok' },
    })
    unwrap(await h.core.dispatch('models:setNumCtx', { model: 'llama3.1:8b', numCtx: 65536 }))
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'llama3.1:8b' }))
    await send(conversation.id, 'hi')
    const { models } = unwrap(await h.core.dispatch('models:list', {}))
    const memory = models[0]?.runningMemory
    expect(memory?.vramBytes).toBeLessThan(memory?.sizeBytes ?? 0)
    expect(
      unwrap(await h.core.dispatch('models:estimateMemory', { model: 'llama3.1:8b', numCtx: 65536 })).gpuBytes,
    ).toBe(memory?.vramBytes)
  })

  it('refuses chat with an embedding model in plain words', async () => {
    h = await startCoreHarness({ sim: { models: ['all-minilm'] } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'all-minilm:latest' }))
    const turn = await send(conversation.id, 'hi')
    expect(turn.assistantMessage.error).toMatchObject({
      code: 'CANNOT_CHAT',
      message: 'all-minilm:latest cannot chat: it is an embedding model. Pick a chat model for this conversation.',
    })
  })

  it('says how to sign in for a cloud model, with the link Ollama sent', async () => {
    h = await startCoreHarness({ sim: { models: ['gpt-oss:120b-cloud'], cloudAuth: 'signed-out' } })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'gpt-oss:120b-cloud' }))
    const turn = await send(conversation.id, 'hi')
    expect(turn.assistantMessage.error).toMatchObject({
      code: 'SIGN_IN_REQUIRED',
      message: 'gpt-oss:120b-cloud runs on ollama.com: sign in to ollama.com in Ollama to use it.',
      action: {
        kind: 'open-link',
        url: expect.stringMatching(/^https:\/\/ollama\.com\/connect\?name=.+&key=.+/) as unknown,
        label: 'Sign in to ollama.com',
      },
    })
  })

  it('marks a reply that stopped at its length limit', async () => {
    h = await startCoreHarness({
      sim: { models: [{ name: 'short', parameters: { num_predict: 3 } }], reply: 'one two three four five' },
    })
    const conversation = unwrap(await h.core.dispatch('conversations:create', { model: 'short:latest' }))
    const turn = await send(conversation.id, 'count')
    expect(turn.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'one two three',
      context: { lengthLimited: true },
    })
    const whole = await (async () => {
      h.sim.setReply('one')
      return send(conversation.id, 'again')
    })()
    expect(whole.assistantMessage.context?.lengthLimited).toBe(false)
  })
})
