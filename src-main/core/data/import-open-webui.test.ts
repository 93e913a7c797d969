import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitReasoning } from './open-webui-message'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'

const FIXTURE = readFileSync(join(__dirname, 'test-fixtures', 'open-webui-export.json'), 'utf8')

const harness = dataHarnessesPerTest()

async function importFixture(text = FIXTURE) {
  const made = harness()
  const report = await made.data.importData({ requestId: 'r', text })
  const [coffee = '', hamlet = ''] = report.conversationIds
  return { ...made, report, coffee, hamlet }
}

describe('an Open WebUI chat export', () => {
  it('is recognised and imported whole: every chat, message and embedded image', async () => {
    const { report } = await importFixture()
    expect(report).toMatchObject({
      source: 'open-webui',
      conversations: 2,
      messages: 9,
      images: 1,
      imagesLeftOut: 1,
      copies: 0,
    })
  })

  it('keeps the regenerated reply as two versions and shows the path `currentId` ends', async () => {
    const { store, coffee } = await importFixture()
    expect(store.getConversation(coffee)).toMatchObject({
      title: 'Cold brew at home',
      model: 'llama3.2:latest',
      systemPrompt: 'You are a friendly barista.',
      options: { temperature: 0.6, num_predict: 512, stop: ['###', 'END'] },
      createdAt: '2024-06-10T06:13:20.000Z',
    })
    const path = store.listMessages(coffee)
    expect(path.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    const reply = path[1]
    expect(reply).toMatchObject({
      versions: { index: 2, count: 2 },
      model: 'llama3.2:latest',
      thinking: 'The user wants a recipe.\nGive ratios and time.',
    })
    expect(reply?.content.startsWith('Use a 1:8 ratio')).toBe(true)
    expect(reply?.stats).toEqual({ promptTokens: 31, replyTokens: 52, totalMs: 3400, tokensPerSecond: 39.8 })
    // The other version, with its own figures, is one step away.
    const older = store.showVersion(coffee, reply?.id ?? '', 1)?.[0]
    expect(older).toMatchObject({
      content: 'Steep coarse grounds in cold water for 12 to 24 hours, then strain.',
      stats: { promptTokens: 31, replyTokens: 18, totalMs: 2150, tokensPerSecond: 41.2 },
    })
  })

  it('stores the image it carries and notes the one Open WebUI kept on its server', async () => {
    const { store, coffee } = await importFixture()
    const question = store.listMessages(coffee)[2]
    expect(question?.images).toEqual([{ position: 0, mime: 'image/png', bytes: 70 }])
    expect(question?.content).toBe(
      'How long does it keep? Here is my jar.\n\n[An image was left out: Open WebUI kept it on its server, not in the export.]',
    )
  })

  it('keeps an edited first message as a branch, with the failed reply of its first version', async () => {
    const { store, hamlet } = await importFixture()
    expect(store.getConversation(hamlet)?.model).toBe('llama3.2:latest')
    const path = store.listMessages(hamlet)
    expect(path.map((message) => message.content.slice(0, 30))).toEqual([
      'Summarise the plot of Hamlet i',
      'Prince Hamlet learns from his ',
    ])
    expect(path[0]?.versions).toEqual({ index: 2, count: 2 })
    expect(path[1]?.stats).toEqual({ promptTokens: 24, replyTokens: 48 })
    const tree = store.listMessageTree(hamlet)
    expect(tree.find((message) => message.status === 'error')).toMatchObject({
      onPath: false,
      model: 'qwen3:8b',
      error: { code: 'OLLAMA_ERROR', message: 'Ollama: model "qwen3:8b" not found, try pulling it first' },
    })
  })

  it('reads an older chat with only a flat message list as one line, and a bare chat object', async () => {
    const legacy = JSON.stringify({
      title: 'Old chat',
      models: ['mistral'],
      messages: [
        { id: 'a', role: 'user', content: 'Hi', timestamp: 1700000000 },
        { id: 'b', role: 'assistant', content: 'Hello!', model: 'mistral', timestamp: 1700000005 },
      ],
      timestamp: 1700000000000,
    })
    const { store, report } = await importFixture(legacy)
    const id = report.conversationIds[0] ?? ''
    expect(store.getConversation(id)).toMatchObject({
      title: 'Old chat',
      model: 'mistral',
      createdAt: '2023-11-14T22:13:20.000Z',
    })
    expect(store.listMessages(id).map((message) => `${message.role}: ${message.content}`)).toEqual([
      'user: Hi',
      'assistant: Hello!',
    ])
  })

  it('is refused when a message hangs from one missing from the file, or an image is not an image', async () => {
    const chats = JSON.parse(FIXTURE) as Array<{
      chat: { history: { messages: Record<string, Record<string, unknown>> } }
    }>
    const messages = chats[1]?.chat.history.messages ?? {}
    delete messages['7a9e1d2c-4b3a-4f5e-8d7c-1b2a3c4d5e03']
    const made = harness()
    await expect(made.data.importData({ requestId: 'r', text: JSON.stringify(chats) })).rejects.toThrow(
      'A message of conversation 2 (“Hamlet in brief”) follows a message that is not in the file (its parent is missing).',
    )
    const spoiled = FIXTURE.replace('data:image/png;base64,iVBORw0K', 'data:image/png;base64,AAAAAAAA')
    await expect(made.data.importData({ requestId: 'r', text: spoiled })).rejects.toThrow(
      /^Image 1 of message 4 of conversation 1 \(“Cold brew at home”\) is not a PNG/,
    )
    expect(made.store.listConversations()).toEqual([])
  })
})

describe('Open WebUI reasoning blocks', () => {
  it('become thinking, also when Open WebUI escaped them as HTML', () => {
    const escaped =
      '<details type="reasoning" done="true" duration="2">\n<summary>Thought for 2 seconds</summary>\n&gt; a &lt; b &amp;&amp; c\n&gt; \n&gt; done\n</details>\nAnswer.'
    expect(splitReasoning(escaped)).toEqual({ content: 'Answer.', thinking: 'a < b && c\n\ndone' })
    expect(splitReasoning('No thinking here.')).toEqual({ content: 'No thinking here.', thinking: '' })
  })
})
