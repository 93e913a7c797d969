// Images through the real core: dispatch → chat service → client → simulator over real sockets, history in SQLite.
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../../src-shared/limits'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'
import { base64Of, GIF_1PX, PNG_1PX } from '../../test-support/test-images'

type SentChat = { messages: { role: string; content: string; images?: string[] }[] }

describe('images through the core', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  const start = async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'gemma3:4b'] } })
    h.sim.setReply('A small picture.')
  }
  const newConversation = async (model: string) => unwrap(await h.core.dispatch('conversations:create', { model }))
  const lastChat = () => h.sim.requestsTo('/api/chat', 'POST').at(-1)?.body as SentChat

  it('sends each image to /api/chat as base64 on its message, stores it, and Ollama counts 768 tokens for it', async () => {
    await start()
    const plain = await newConversation('gemma3:4b')
    const withoutImage = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'a', conversationId: plain.id, text: 'What is this?' }),
    )
    const pictured = await newConversation('gemma3:4b')
    const withImage = unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'b',
        conversationId: pictured.id,
        text: 'What is this?',
        images: [base64Of(PNG_1PX)],
      }),
    )

    expect(lastChat().messages).toEqual([{ role: 'user', content: 'What is this?', images: [base64Of(PNG_1PX)] }])
    const tokens = (turn: typeof withImage) => turn.assistantMessage.stats?.promptTokens ?? 0
    expect(tokens(withImage) - tokens(withoutImage)).toBe(768)
    // The report is not fooled into "truncated" by the image's tokens.
    expect(withImage.assistantMessage.context?.truncated).toBe(false)

    expect(withImage.userMessage?.images).toEqual([{ position: 0, mime: 'image/png', bytes: PNG_1PX.byteLength }])
    const stored = unwrap(await h.core.dispatch('conversations:get', { conversationId: pictured.id }))
    expect(stored.messages[0]?.images).toEqual([{ position: 0, mime: 'image/png', bytes: PNG_1PX.byteLength }])
    expect(
      unwrap(await h.core.dispatch('conversations:image', { messageId: stored.messages[0]?.id ?? '', position: 0 })),
    ).toEqual({ mime: 'image/png', data: base64Of(PNG_1PX) })
  })

  it('sends the images of earlier messages again with the later turns', async () => {
    await start()
    const conversation = await newConversation('gemma3:4b')
    unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'a',
        conversationId: conversation.id,
        text: 'Look',
        images: [base64Of(PNG_1PX), base64Of(GIF_1PX)],
      }),
    )
    unwrap(await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'And now?' }))
    expect(lastChat().messages).toEqual([
      { role: 'user', content: 'Look', images: [base64Of(PNG_1PX), base64Of(GIF_1PX)] },
      { role: 'assistant', content: 'A small picture.' },
      { role: 'user', content: 'And now?' },
    ])
  })

  it('refuses images for a model without vision, and anything not an image, before anything is saved or sent', async () => {
    await start()
    const conversation = await newConversation('llama3:latest')
    const refused = await h.core.dispatch('chat:send', {
      requestId: 'a',
      conversationId: conversation.id,
      text: 'What is this?',
      images: [base64Of(PNG_1PX)],
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'llama3 cannot read images. Pick a model with vision to send images.' },
    })

    const vision = await newConversation('gemma3:4b')
    const notImage = await h.core.dispatch('chat:send', {
      requestId: 'b',
      conversationId: vision.id,
      text: 'Hi',
      images: [base64Of(Buffer.from('%PDF-1.7 not an image'))],
    })
    expect(notImage).toMatchObject({ ok: false, error: { message: 'Image 1 is not a PNG, JPEG, WebP or GIF image.' } })
    const tooMany = await h.core.dispatch('chat:send', {
      requestId: 'c',
      conversationId: vision.id,
      text: 'Hi',
      images: Array.from({ length: 9 }, () => base64Of(PNG_1PX)),
    })
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'That request was not valid: images can carry at most 8 images.' },
    })
    const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    PNG_1PX.copy(huge)
    const tooLarge = await h.core.dispatch('chat:send', {
      requestId: 'd',
      conversationId: vision.id,
      text: 'Hi',
      images: [base64Of(huge)],
    })
    expect(tooLarge).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Image 1 is larger than 10 MB, the most an image can be.' },
    })

    for (const id of [conversation.id, vision.id]) {
      expect(unwrap(await h.core.dispatch('conversations:get', { conversationId: id })).messages).toEqual([])
    }
    expect(h.sim.requestsTo('/api/chat', 'POST')).toEqual([])
  })

  it('leaves the images out for a model without vision, says so once, counts none, and a warm turn is one request', async () => {
    await start()
    const conversation = await newConversation('gemma3:4b')
    unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'a',
        conversationId: conversation.id,
        text: 'Look',
        images: [base64Of(PNG_1PX), base64Of(GIF_1PX)],
      }),
    )
    unwrap(await h.core.dispatch('conversations:update', { conversationId: conversation.id, model: 'llama3:latest' }))

    const turn = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'b', conversationId: conversation.id, text: 'And now?' }),
    )
    expect(lastChat().messages).toEqual([
      { role: 'user', content: 'Look' },
      { role: 'assistant', content: 'A small picture.' },
      { role: 'user', content: 'And now?' },
    ])
    const notice = 'llama3 cannot read images: the 2 images earlier in this conversation were not sent.'
    expect(turn.notices.map((message) => message.content)).toEqual([notice])
    // The estimate counts only what was sent: 1,536 tokens of images Ollama never saw would read as truncation.
    expect(turn.assistantMessage.context?.truncated).toBe(false)

    h.sim.clearRequests()
    const warm = unwrap(
      await h.core.dispatch('chat:send', { requestId: 'c', conversationId: conversation.id, text: 'Still there?' }),
    )
    expect(h.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/chat'])
    expect(lastChat().messages.some((message) => message.images !== undefined)).toBe(false)
    expect(warm.notices).toEqual([])
    const path = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(path.filter((message) => message.role === 'notice').map((message) => message.content)).toEqual([notice])
  })

  it('edits a message with images on a model without vision: the new version keeps them, the reply leaves them out and says so', async () => {
    await start()
    const conversation = await newConversation('gemma3:4b')
    const first = unwrap(
      await h.core.dispatch('chat:send', {
        requestId: 'a',
        conversationId: conversation.id,
        text: 'Look',
        images: [base64Of(PNG_1PX)],
      }),
    )
    unwrap(await h.core.dispatch('conversations:update', { conversationId: conversation.id, model: 'llama3:latest' }))
    h.sim.clearRequests()

    const edited = unwrap(
      await h.core.dispatch('chat:editAndResend', {
        requestId: 'b',
        conversationId: conversation.id,
        messageId: first.userMessage?.id ?? '',
        text: 'Look again',
      }),
    )
    expect(edited.userMessage?.images).toHaveLength(1)
    expect(edited.assistantMessage.status).toBe('complete')
    expect(edited.notices.map((notice) => notice.content)).toEqual([
      'llama3 cannot read images: the image earlier in this conversation was not sent.',
    ])
    const bodies = h.sim
      .requestsTo('/api/chat', 'POST')
      .map((request) => request.body as { messages: Array<{ images?: unknown }> })
    expect(bodies).toHaveLength(1)
    expect(bodies[0]?.messages.some((message) => message.images !== undefined)).toBe(false)
  })

  it('refuses a second send in the same tick as busy, also when the first carries images', async () => {
    await start()
    const conversation = await newConversation('gemma3:4b')
    const sends = await Promise.all([
      h.core.dispatch('chat:send', {
        requestId: 'one',
        conversationId: conversation.id,
        text: 'Look',
        images: [base64Of(PNG_1PX)],
      }),
      h.core.dispatch('chat:send', { requestId: 'two', conversationId: conversation.id, text: 'And this' }),
    ])
    // One reply at a time per conversation: exactly one of them runs, the other is refused before anything is saved.
    expect(sends.filter((result) => result.ok)).toHaveLength(1)
    expect(sends.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    const plain = await Promise.all([
      h.core.dispatch('chat:send', { requestId: 'three', conversationId: conversation.id, text: 'Once' }),
      h.core.dispatch('chat:send', { requestId: 'four', conversationId: conversation.id, text: 'Twice' }),
    ])
    expect(plain.map((result) => result.ok)).toEqual([true, false])
    const path = unwrap(await h.core.dispatch('conversations:get', { conversationId: conversation.id })).messages
    expect(path.filter((message) => message.role === 'user')).toHaveLength(2)
  })

  it('refuses a busy request before asking Ollama whether the model reads images', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3', 'gemma3:4b'], tokenDelayMs: 20 } })
    h.sim.setReply(Array.from({ length: 50 }, () => 'slow').join(' '))
    const running = await newConversation('llama3:latest')
    const first = h.core.dispatch('chat:send', { requestId: 'dup', conversationId: running.id, text: 'first' })
    await h.waitFor(() => h.eventsNamed('chat:started').length === 1)
    const pictured = await newConversation('gemma3:4b')
    h.sim.clearRequests()

    const refused = await h.core.dispatch('chat:send', {
      requestId: 'dup',
      conversationId: pictured.id,
      text: 'Look',
      images: [base64Of(PNG_1PX)],
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    expect(h.sim.requestsTo('/api/show', 'POST')).toEqual([])
    await h.core.dispatch('chat:cancel', { requestId: 'dup' })
    await first
  })

  it('answers NOT_FOUND in words for an image that is not there', async () => {
    await start()
    expect(await h.core.dispatch('conversations:image', { messageId: 'nope', position: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That image is no longer in this conversation.' },
    })
  })
})
