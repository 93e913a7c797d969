import { describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import type { ExportDocument } from './export-format'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { exportedMessage } from './test-fixtures/exported-message'

const harness = dataHarnessesPerTest()

/** A small ollmchat export of one conversation with one message, to change field by field. */
function document(): ExportDocument {
  const time = '2025-03-01T10:00:00.000Z'
  return {
    format: 'ollmchat-export',
    version: 1,
    exportedAt: time,
    app: 'ollmchat 9.9.9',
    conversations: [
      {
        id: 'c1',
        title: 'Times',
        model: 'llama3.2',
        systemPrompt: '',
        createdAt: time,
        updatedAt: time,
        lastHost: 'http://127.0.0.1:11434',
        options: {},
        think: null,
        messages: [exportedMessage({ id: 'm1', role: 'user', content: 'Hi', createdAt: time })],
      },
    ],
  }
}

async function refusalOf(file: ExportDocument) {
  const { store, data } = harness()
  const error = await data.importData({ requestId: 'r', text: JSON.stringify(file) }).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppFailure)
  expect(store.listConversations()).toEqual([])
  return (error as AppFailure).message
}

describe('times in an imported file', () => {
  it('are stored in the one form the history compares as text, whatever time zone the file wrote', async () => {
    const file = document()
    const conversation = file.conversations[0] as ExportDocument['conversations'][number]
    conversation.updatedAt = '2025-03-01T12:30:00+02:00'
    ;(conversation.messages[0] as { createdAt: string }).createdAt = '2025-03-01T10:00:00.123456Z'
    // A second conversation at 11:00 UTC: as written, its time sorts before 12:30+02:00; it is the later one.
    const other = {
      ...conversation,
      id: 'c2',
      title: 'Other',
      updatedAt: '2025-03-01T11:00:00.000Z',
      messages: conversation.messages.map((message) => ({ ...message, id: 'm2' })),
    }
    file.conversations.push(other)
    const { store, data } = harness()
    await data.importData({ requestId: 'r', text: JSON.stringify(file) })
    expect(store.getConversation('c1')?.updatedAt).toBe('2025-03-01T10:30:00.000Z')
    expect(store.listMessages('c1')[0]?.createdAt).toBe('2025-03-01T10:00:00.123Z')
    expect(store.listConversations().map((summary) => summary.id)).toEqual(['c2', 'c1'])
  })

  it('are refused, naming the field, when they are not ISO 8601 with a time zone', async () => {
    for (const written of ['1', 'March 7, 2024', '2025-03-01T10:00:00']) {
      const file = document()
      ;(file.conversations[0] as { createdAt: string }).createdAt = written
      expect(await refusalOf(file)).toBe(
        'Conversation 1 (“Times”) is not as ollmchat writes it: createdAt is not a time as ollmchat writes it (ISO 8601 with its time zone, e.g. 2025-03-01T10:00:00.000Z).',
      )
    }
  })

  it('are refused when their offset carries them out of the years 0000 to 9999 (their stored form would not sort)', async () => {
    for (const written of ['9999-12-31T23:00:00-05:00', '0000-01-01T00:00:00+01:00']) {
      const file = document()
      ;(file.conversations[0] as { createdAt: string }).createdAt = written
      expect(await refusalOf(file)).toMatch(/createdAt is a time outside the years 0000 to 9999\.$/)
    }
  })

  it('from Open WebUI past the year 9999 fall back to the chat’s own time', async () => {
    const chat = {
      title: 'Far future',
      messages: [{ id: 'a', role: 'user', content: 'Hi', timestamp: 5e15 }],
      timestamp: 1700000000000,
    }
    const { store, data } = harness()
    const report = await data.importData({ requestId: 'r', text: JSON.stringify(chat) })
    expect(store.listMessages(report.conversationIds[0] ?? '')[0]?.createdAt).toBe('2023-11-14T22:13:20.000Z')
  })
})

describe('names in an imported file', () => {
  it('are refused when longer than ollmchat keeps: a title, a model name, an address', async () => {
    const long = document()
    ;(long.conversations[0] as { title: string }).title = 't'.repeat(201)
    expect(await refusalOf(long)).toMatch(/title is longer than 200 characters\.$/)
    const model = document()
    ;(model.conversations[0] as { model: string }).model = 'm'.repeat(513)
    expect(await refusalOf(model)).toMatch(/model is longer than 512 characters\.$/)
    const servedBy = document()
    ;(servedBy.conversations[0]?.messages[0] as { servedBy: string }).servedBy = 'm'.repeat(513)
    expect(await refusalOf(servedBy)).toMatch(
      /^Message 1 of conversation 1 \(“Times”\) .*servedBy is longer than 512 characters\.$/,
    )
    const host = document()
    ;(host.conversations[0] as { lastHost: string }).lastHost = `http://${'h'.repeat(500)}`
    expect(await refusalOf(host)).toMatch(/lastHost is longer than 500 characters\.$/)
  })

  it('from Open WebUI leave a model name past the bound out rather than keep it', async () => {
    const chat = {
      title: 'Odd model',
      models: ['x'.repeat(600)],
      messages: [
        { id: 'a', role: 'user', content: 'Hi' },
        { id: 'b', role: 'assistant', content: 'Yo', model: 'y'.repeat(600) },
      ],
    }
    const { store, data } = harness()
    const id = (await data.importData({ requestId: 'r', text: JSON.stringify(chat) })).conversationIds[0] ?? ''
    expect(store.getConversation(id)?.model).toBeNull()
    expect(store.listMessages(id)[1]?.model).toBeNull()
  })
})
