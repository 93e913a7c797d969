import { describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'

const harness = dataHarnessesPerTest()

type OpenWebUiMessage = {
  id: string
  parentId: string | null
  childrenIds: string[]
  role: string
  content: string
  timestamp: number
}

/** An Open WebUI chat (a `ChatResponse` row) with its messages as a tree. */
const chatOf = (messages: OpenWebUiMessage[], currentId?: string) =>
  JSON.stringify([
    {
      id: 'chat-1',
      title: 'Long chat',
      chat: {
        title: 'Long chat',
        models: ['m'],
        history: { messages: Object.fromEntries(messages.map((message) => [message.id, message])), currentId },
      },
    },
  ])

/** `count` messages in one line, user and assistant in turn, each the child of the one before. */
function line(count: number, prefix = 'm'): OpenWebUiMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index}`,
    parentId: index === 0 ? null : `${prefix}${index - 1}`,
    childrenIds: index === count - 1 ? [] : [`${prefix}${index + 1}`],
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `Message ${index}`,
    timestamp: 1_700_000_000 + index,
  }))
}

async function refusalOf(text: string) {
  const { store, data } = harness()
  const error = await data.importData({ requestId: 'r', text }).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppFailure)
  expect(store.listConversations()).toEqual([])
  return (error as AppFailure).message
}

describe('a long Open WebUI chat', () => {
  it('of 20,000 messages in an older flat list imports whole, in order', async () => {
    const messages = line(20_000).map(({ id, role, content, timestamp }) => ({ id, role, content, timestamp }))
    const { store, data } = harness()
    const report = await data.importData({
      requestId: 'r',
      text: JSON.stringify([{ title: 'Flat', chat: { title: 'Flat', messages } }]),
    })
    expect(report.messages).toBe(20_000)
    const path = store.listMessages(report.conversationIds[0] ?? '')
    expect(path).toHaveLength(20_000)
    expect(path.at(-1)?.content).toBe('Message 19999')
  })

  it('of 20,000 messages as a tree without `currentId` shows the newest reply down the newest versions', async () => {
    const messages = line(20_000)
    // A second version of the 10,000th message, listed after the first: the path follows it, not the long line.
    const branch = {
      id: 'other',
      parentId: 'm9998',
      childrenIds: [],
      role: 'assistant',
      content: 'A newer version',
      timestamp: 1_800_000_000,
    }
    messages[9998]?.childrenIds.push('other')
    const { store, data } = harness()
    const report = await data.importData({ requestId: 'r', text: chatOf([...messages, branch]) })
    expect(report.messages).toBe(20_001)
    const path = store.listMessages(report.conversationIds[0] ?? '')
    expect(path).toHaveLength(10_000)
    expect(path.at(-1)).toMatchObject({ content: 'A newer version', versions: { index: 2, count: 2 } })
  })
})

describe('an Open WebUI chat whose messages are no conversation', () => {
  it('is refused when its messages go round in a circle, and nothing is written', async () => {
    const messages = line(3)
    const cycle = [
      { id: 'x', parentId: 'y', childrenIds: ['y'], role: 'user', content: 'x', timestamp: 1 },
      { id: 'y', parentId: 'x', childrenIds: ['x'], role: 'assistant', content: 'y', timestamp: 2 },
    ]
    expect(await refusalOf(chatOf([...messages, ...cycle], 'm2'))).toBe(
      'The messages of conversation 1 (“Long chat”) go round in a circle instead of forming a conversation.',
    )
  })

  it('is refused when a message is its own parent, and nothing is written', async () => {
    const selfish = { id: 'self', parentId: 'self', childrenIds: ['self'], role: 'user', content: 'me', timestamp: 1 }
    expect(await refusalOf(chatOf([...line(2), selfish], 'm1'))).toBe(
      'The messages of conversation 1 (“Long chat”) go round in a circle instead of forming a conversation.',
    )
  })
})

describe('an Open WebUI chat without a currentId', () => {
  it('shows the newest first message (an edit of the first question) and the newest versions below it', async () => {
    const first = line(2, 'a')
    const edited = line(2, 'b').map((message) => ({ ...message, timestamp: message.timestamp + 100 }))
    const { store, data } = harness()
    const report = await data.importData({ requestId: 'r', text: chatOf([...first, ...edited]) })
    expect(store.listMessages(report.conversationIds[0] ?? '').map((message) => message.content)).toEqual([
      'Message 0',
      'Message 1',
    ])
    const path = store.listMessages(report.conversationIds[0] ?? '')
    expect(path[0]?.versions).toEqual({ index: 2, count: 2 })
  })
})
