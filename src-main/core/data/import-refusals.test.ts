import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '../../../src-shared/data-rule'
import { AppFailure } from '../app-failure'
import type { ExportDocument } from './export-format'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { fillRichHistory } from './test-fixtures/rich-history'

const harness = dataHarnessesPerTest()

/** An export of the rich history, as an object to spoil. */
async function exportedDocument(): Promise<ExportDocument> {
  const { store, data } = harness()
  fillRichHistory(store)
  return JSON.parse((await data.exportData({ requestId: 'r', format: 'json' })).text) as ExportDocument
}

/** Imports `text` into a history that already holds one conversation; returns the refusal and checks nothing changed. */
async function refusal(text: string): Promise<string> {
  const { store, data } = harness()
  const kept = store.createConversation({ model: 'm', title: 'Kept' })
  store.appendMessage({ conversationId: kept.id, role: 'user', content: 'still here', status: 'complete' })
  const before = JSON.stringify(store.listConversations())
  const error = await data.importData({ requestId: 'r', text }).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppFailure)
  expect((error as AppFailure).code).toBe('INVALID_INPUT')
  expect(JSON.stringify(store.listConversations())).toBe(before)
  return (error as AppFailure).message
}

describe('a bad import file', () => {
  it('is refused when it is not JSON', async () => {
    expect(await refusal('{"format": "ollmchat-export", ')).toBe(
      'The file is not JSON, so it is neither an ollmchat export nor an Open WebUI chat export.',
    )
  })

  it('is refused when it is JSON of another kind', async () => {
    expect(await refusal('{"format": "chatgpt", "version": 1}')).toBe(
      'The file is not an ollmchat export or an Open WebUI chat export.',
    )
    expect(await refusal('{"hello": "world"}')).toBe(
      'The file is JSON, but neither an ollmchat export nor an Open WebUI chat export.',
    )
    expect(await refusal('[]')).toBe('The file holds no conversations.')
  })

  it('is refused when its version is unknown', async () => {
    const document = { ...(await exportedDocument()), version: 2 }
    expect(await refusal(JSON.stringify(document))).toBe(
      'The file is an ollmchat export of version 2; this ollmchat reads version 1. Update ollmchat to import it.',
    )
  })

  it('is refused when a message follows a message that is not in the file', async () => {
    const document = await exportedDocument()
    const messages = document.conversations[0]?.messages ?? []
    messages.splice(0, 1) // the question the reply answers
    expect(await refusal(JSON.stringify(document))).toBe(
      'Message 1 of conversation 1 (“New chat”) follows a message that is not before it in the file (its parent is missing).',
    )
  })

  it('is refused when an image is not an image, naming it', async () => {
    const document = await exportedDocument()
    const withImages = document.conversations
      .flatMap((conversation) => conversation.messages)
      .find((message) => message.images.length > 0)
    if (withImages?.images[1]) withImages.images[1].data = Buffer.from('<html>not a picture</html>').toString('base64')
    expect(await refusal(JSON.stringify(document))).toMatch(
      /^Image 2 of message 1 of conversation \d \(“Trip to Lisbon”\) is not a PNG, JPEG, WebP or GIF image\.$/,
    )
  })

  it('is refused when a field is not as ollmchat writes it, naming the field', async () => {
    const document = await exportedDocument()
    const message = document.conversations[0]?.messages[0] as unknown as Record<string, unknown>
    message.role = 'system'
    expect(await refusal(JSON.stringify(document))).toBe(
      'Message 1 of conversation 1 (“New chat”) is not as ollmchat writes it: role must be user, assistant or notice.',
    )
  })

  it('is refused when two versions of one message are both marked as shown', async () => {
    const document = await exportedDocument()
    const trip = document.conversations.find((conversation) => conversation.title === 'Trip to Lisbon')
    for (const message of trip?.messages ?? []) message.onPath = true
    expect(await refusal(JSON.stringify(document))).toMatch(/two versions of the same message are marked as shown\.$/)
  })

  it('is refused when it is larger than the bound, before it is read', async () => {
    const text = `"${'x'.repeat(MAX_IMPORT_BYTES)}"`
    expect(await refusal(text)).toBe('The file is 201 MB; ollmchat imports files of up to 200 MB.')
  })
})
