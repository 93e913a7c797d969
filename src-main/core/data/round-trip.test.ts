import { describe, expect, it } from 'vitest'
import type { DataService } from './data-service'
import type { ExportDocument } from './export-format'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { CONTEXT_REPORT, fillRichHistory } from './test-fixtures/rich-history'

const harness = dataHarnessesPerTest()

const exportAll = async (data: DataService) =>
  JSON.parse((await data.exportData({ requestId: 'r1', format: 'json' })).text) as ExportDocument

describe('the JSON export', () => {
  it('holds every version, branch, image, report, notice and setting of a conversation', async () => {
    const { store, data } = harness()
    const ids = fillRichHistory(store)
    const document = await exportAll(data)
    expect(document).toMatchObject({
      format: 'ollmchat-export',
      version: 1,
      app: 'ollmchat 9.9.9',
      exportedAt: '2025-06-01T12:00:00.000Z',
    })
    const trip = document.conversations.find((conversation) => conversation.id === ids.trip)
    expect(trip).toMatchObject({
      title: 'Trip to Lisbon',
      model: 'llama3.2:latest',
      systemPrompt: 'You are a travel agent.\nBe brief.',
      options: { temperature: 0.4, stop: ['###'] },
      think: 'high',
    })
    const byId = new Map(trip?.messages.map((message) => [message.id, message]))
    expect(trip?.messages).toHaveLength(8)
    // Both versions of the regenerated reply, under the same question; only the newer is on the path.
    expect(byId.get(ids.first.id)).toMatchObject({
      parentId: ids.question.id,
      onPath: false,
      thinking: 'They like towers.',
      context: CONTEXT_REPORT,
      stats: { tokensPerSecond: 44.4 },
    })
    expect(byId.get(ids.second.id)).toMatchObject({
      parentId: ids.question.id,
      onPath: true,
      servedBy: 'ollmchat-temp/llama3.2-8k',
      numCtx: 8192,
    })
    // The edited message's first version and its failed reply stay as a branch.
    expect(byId.get(ids.followUp.id)).toMatchObject({ onPath: false, parentId: ids.notice.id })
    expect(byId.get(ids.failed.id)).toMatchObject({
      onPath: false,
      status: 'error',
      error: { code: 'OLLAMA_UNREACHABLE' },
    })
    expect(byId.get(ids.notice.id)?.notice).toEqual({ kind: 'context-setting' })
    expect(byId.get(ids.question.id)?.images.map((image) => image.mime)).toEqual(['image/png', 'image/gif'])
    expect(
      Buffer.from(byId.get(ids.question.id)?.images[0]?.data ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
  })

  it('imports back into a fresh history as the same document (ids kept), path and versions included', async () => {
    const source = harness()
    const ids = fillRichHistory(source.store)
    const exported = await source.data.exportData({ requestId: 'r1', format: 'json' })

    const fresh = harness()
    const report = await fresh.data.importData({ requestId: 'r2', text: exported.text })
    expect(report).toMatchObject({ source: 'ollmchat', conversations: 2, messages: 10, images: 2, copies: 0 })
    expect(await exportAll(fresh.data)).toEqual(JSON.parse(exported.text))

    // What the window shows follows: the path, the versions of the reply, the images, and search.
    expect(fresh.store.listMessages(ids.trip).map((message) => message.content)).toEqual(
      source.store.listMessages(ids.trip).map((message) => message.content),
    )
    expect(fresh.store.getMessage(ids.second.id)?.versions).toEqual({ index: 2, count: 2 })
    expect((await fresh.store.search({ query: 'pastelaria' })).hits.map((hit) => hit.messageId)).toEqual([
      ids.answer.id,
    ])
    expect(fresh.store.showVersion(ids.trip, ids.second.id, 1)?.[0]?.content).toBe('Belém Tower.')
    expect(fresh.store.readImage(ids.question.id, 1)?.mime).toBe('image/gif')
  })

  it('imports a conversation already in the history as a copy with new ids, its tree intact', async () => {
    const { store, data } = harness()
    const ids = fillRichHistory(store)
    const exported = await data.exportData({ requestId: 'r1', format: 'json', conversationId: ids.trip })
    const report = await data.importData({ requestId: 'r2', text: exported.text })
    expect(report).toMatchObject({ conversations: 1, copies: 1 })
    const copyId = report.conversationIds[0] ?? ''
    expect(copyId).not.toBe(ids.trip)
    const copy = store.listMessageTree(copyId)
    expect(copy.map((message) => message.content)).toEqual(
      store.listMessageTree(ids.trip).map((message) => message.content),
    )
    const copyIds = new Set(copy.map((message) => message.id))
    expect(copy.every((message) => message.parentId === null || copyIds.has(message.parentId))).toBe(true)
    expect(copy.some((message) => message.id === ids.question.id)).toBe(false)
    expect(store.imagesOf(copy[0]?.id ?? '')).toHaveLength(2)
  })

  it('brings a reply still streaming at export time in as interrupted', async () => {
    const { store, data } = harness()
    const conversation = store.createConversation({ model: 'm' })
    store.appendMessage({ conversationId: conversation.id, role: 'user', content: 'Hi', status: 'complete' })
    store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'Hel',
      status: 'streaming',
      model: 'm',
    })
    const exported = await data.exportData({ requestId: 'r1', format: 'json' })
    const fresh = harness()
    await fresh.data.importData({ requestId: 'r2', text: exported.text })
    expect(fresh.store.listMessages(conversation.id).map((message) => message.status)).toEqual([
      'complete',
      'interrupted',
    ])
  })

  it('tells every window what it added (`conversations:imported`), with the summaries the list shows', async () => {
    const source = harness()
    fillRichHistory(source.store)
    const exported = await source.data.exportData({ requestId: 'r1', format: 'json' })
    const fresh = harness()
    const report = await fresh.data.importData({ requestId: 'r2', text: exported.text })
    const told = fresh.events.filter((event) => event.name === 'conversations:imported')
    expect(told).toEqual([
      {
        name: 'conversations:imported',
        payload: { conversations: report.conversationIds.map((id) => fresh.store.getConversation(id)) },
      },
    ])
    expect(report.conversationIds).toHaveLength(2)
  })
})
