import { describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import type { ExportDocument } from './export-format'
import { readOllmchatConversation } from './import-json'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { fillRichHistory } from './test-fixtures/rich-history'

const harness = dataHarnessesPerTest()

/** Three conversations exported from one history, ready to import elsewhere. */
async function threeConversations(): Promise<ExportDocument> {
  const { store, data } = harness()
  fillRichHistory(store)
  const third = store.createConversation({ model: 'm', title: 'Third' })
  store.appendMessage({ conversationId: third.id, role: 'user', content: 'zebra crossing', status: 'complete' })
  return JSON.parse((await data.exportData({ requestId: 'r', format: 'json' })).text) as ExportDocument
}

describe('an import is all or nothing', () => {
  it('leaves the history unchanged when writing fails in the middle (search included)', async () => {
    const document = await threeConversations()
    const { store } = harness()
    const conversations = document.conversations.map((conversation, index) =>
      readOllmchatConversation(conversation, index),
    )
    expect(() =>
      store.importConversations(conversations, (done) => {
        if (done === 2) throw new Error('disk full')
      }),
    ).toThrow('disk full')
    expect(store.listConversations()).toEqual([])
    expect(store.listMessageTree(document.conversations[0]?.id ?? '')).toEqual([])
    expect((await store.search({ query: 'zebra' })).hits).toEqual([])
    // The same file goes in whole afterwards: nothing of the failed attempt is in the way.
    expect(store.importConversations(conversations).map((written) => written.copied)).toEqual([false, false, false])
    expect((await store.search({ query: 'zebra' })).hits).toHaveLength(1)
  })

  it('writes nothing when a conversation late in the file is refused', async () => {
    const document = await threeConversations()
    const last = document.conversations.at(-1)
    if (last?.messages[0]) last.messages[0].parentId = 'nowhere'
    const { store, data } = harness()
    await expect(data.importData({ requestId: 'r', text: JSON.stringify(document) })).rejects.toBeInstanceOf(AppFailure)
    expect(store.listConversations()).toEqual([])
  })
})

describe('progress of an export and an import', () => {
  it('counts conversations up to the total, phase by phase, for the request', async () => {
    const document = await threeConversations()
    const { data, progress } = harness()
    await data.importData({ requestId: 'imp', text: JSON.stringify(document) })
    expect(progress.map(({ phase, done, total }) => `${phase} ${done}/${total}`)).toEqual([
      'checking 0/3',
      'checking 1/3',
      'checking 2/3',
      'checking 3/3',
      'saving 1/3',
      'saving 2/3',
      'saving 3/3',
    ])
    expect(new Set(progress.map((event) => `${event.requestId} ${event.operation}`))).toEqual(new Set(['imp import']))

    progress.length = 0
    await data.exportData({ requestId: 'exp', format: 'markdown' })
    expect(progress.map(({ operation, phase, done, total }) => `${operation} ${phase} ${done}/${total}`)).toEqual([
      'export exporting 0/3',
      'export exporting 1/3',
      'export exporting 2/3',
      'export exporting 3/3',
    ])
  })

  it('reports about a hundred steps, not one per conversation, for a large history', async () => {
    const { store, data, progress } = harness()
    for (let index = 0; index < 450; index += 1) store.createConversation({ model: 'm', title: `Chat ${index}` })
    await data.exportData({ requestId: 'big', format: 'json' })
    expect(progress.length).toBeLessThanOrEqual(102)
    expect(progress.at(-1)).toMatchObject({ done: 450, total: 450 })
  })
})
