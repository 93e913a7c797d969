import { afterEach, describe, expect, it } from 'vitest'
import { GIF_1PX, PNG_1PX } from '../../test-support/test-images'
import { openHistoryStore, type HistoryStore } from './history-store'

describe('images stored with their message', () => {
  let store: HistoryStore
  afterEach(() => store.close())

  it('keeps the bytes and their format beside the message, describes them on every read, and reads them back exactly', () => {
    store = openHistoryStore({ file: ':memory:' })
    const conversation = store.createConversation({ model: 'gemma3:4b' })
    const sent = store.appendMessage(
      { conversationId: conversation.id, role: 'user', content: 'Look', status: 'complete' },
      [
        { mime: 'image/png', data: PNG_1PX },
        { mime: 'image/gif', data: GIF_1PX },
      ],
    )
    const described = [
      { position: 0, mime: 'image/png', bytes: PNG_1PX.byteLength },
      { position: 1, mime: 'image/gif', bytes: GIF_1PX.byteLength },
    ]
    expect(sent.images).toEqual(described)
    const reply = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'Nice',
      status: 'complete',
    })

    expect(store.listMessages(conversation.id).map((message) => message.images)).toEqual([described, undefined])
    expect(store.listNewestMessages(conversation.id, { limit: 5 }).messages[0]?.images).toEqual(described)
    expect(store.getMessage(sent.id)?.images).toEqual(described)
    expect(store.updateMessage(reply.id, { content: 'Nicer' })?.images).toBeUndefined()
    expect(store.readImage(sent.id, 1)).toEqual({ mime: 'image/gif', data: GIF_1PX })
    expect(store.readImage(sent.id, 2)).toBeNull()
    expect(
      store
        .imagesOf(sent.id)
        .map((image) => Buffer.from(image.data).equals(image.mime === 'image/png' ? PNG_1PX : GIF_1PX)),
    ).toEqual([true, true])
    expect(store.imagesOf(reply.id)).toEqual([])
  })

  it('saves a message with its images or not at all', () => {
    store = openHistoryStore({ file: ':memory:' })
    const conversation = store.createConversation({ model: 'gemma3:4b' })
    // The second image breaks a NOT NULL constraint after the message and the first image were inserted.
    const broken = [
      { mime: 'image/png' as const, data: PNG_1PX },
      { mime: null as unknown as 'image/png', data: PNG_1PX },
    ]
    expect(() =>
      store.appendMessage({ conversationId: conversation.id, role: 'user', content: 'x', status: 'complete' }, broken),
    ).toThrow()
    expect(store.listMessages(conversation.id)).toEqual([])
    expect(store.getConversation(conversation.id)?.messageCount).toBe(0)
  })
})
