import { describe, expect, it } from 'vitest'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { fillRichHistory } from './test-fixtures/rich-history'

const harness = dataHarnessesPerTest()

async function markdownOfTrip() {
  const made = harness()
  const ids = fillRichHistory(made.store)
  made.store.showVersion(ids.trip, ids.second.id, 1)
  return made.data.exportData({ requestId: 'r', format: 'markdown', conversationId: ids.trip })
}

describe('the Markdown export', () => {
  it('writes the path shown, readable: title, model, settings, system prompt, roles and times', async () => {
    const file = await markdownOfTrip()
    expect(file).toMatchObject({ fileName: 'trip-to-lisbon.md', mime: 'text/markdown', conversations: 1 })
    const text = file.text
    expect(
      text.startsWith(
        '# Trip to Lisbon\n\n- Model: llama3.2\n- Started: 2025-03-01 10:00 UTC\n- Options: temperature 0.4; stop "###"\n- Thinking: high\n',
      ),
    ).toBe(true)
    expect(text).toContain('**System prompt**\n\n> You are a travel agent.\n> Be brief.')
    expect(text).toMatch(/## You · 2025-03-01 10:00 UTC\n\nWhat should I see\? Here are two photos\./)
    // The version shown (the first reply, moved back to), with its place among the versions and its thinking folded.
    expect(text).toMatch(
      /## Assistant \(llama3\.2\) · [\d-]+ [\d:]+ UTC · version 1 of 2\n\n<details>\n<summary>Thinking<\/summary>\n\nThey like towers\.\n\n<\/details>\n\nBelém Tower\./,
    )
    expect(text).not.toContain('Alfama')
    expect(text).toContain('*[Image 1: PNG, 70 B; the JSON export carries the image itself]*')
    expect(text).toContain('*[Image 2: GIF, 42 B; the JSON export carries the image itself]*')
  })

  it('writes notices, failures and stopped replies as quotes and notes', async () => {
    const made = harness()
    const ids = fillRichHistory(made.store)
    made.store.showVersion(ids.trip, ids.edited.id, 1)
    const { text } = await made.data.exportData({ requestId: 'r', format: 'markdown', conversationId: ids.trip })
    expect(text).toMatch(/> \*\*Notice\*\* · [\d-]+ [\d:]+ UTC\n>\n> ollmchat used the base model\./)
    expect(text).toContain('> **Error:** Ollama stopped answering.')
  })

  it('puts every conversation in one file when exporting all', async () => {
    const made = harness()
    fillRichHistory(made.store)
    const file = await made.data.exportData({ requestId: 'r', format: 'markdown' })
    expect(file.fileName).toBe('ollmchat-export-2025-06-01.md')
    expect(file.text.match(/^# /gm)).toHaveLength(2)
    expect(file.text).toContain('\n---\n\n# Trip to Lisbon')
    expect(file.text).toContain('*Stopped before the end.*')
  })

  it('closes a code block a stopped reply left open, so the messages after it stay Markdown', async () => {
    const made = harness()
    const conversation = made.store.createConversation({ model: 'm', title: 'Code' })
    made.store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: 'Write a loop',
      status: 'complete',
    })
    made.store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'Here:\n\n````python\nfor i in range(3):',
      status: 'cancelled',
      model: 'm',
    })
    made.store.appendMessage({ conversationId: conversation.id, role: 'user', content: 'Thanks', status: 'complete' })
    const { text } = await made.data.exportData({ requestId: 'r', format: 'markdown', conversationId: conversation.id })
    expect(text).toMatch(
      /````python\nfor i in range\(3\):\n````\n\n\*Stopped before the end\.\*\n\n## You · [\d-]+ [\d:]+ UTC\n\nThanks\n$/,
    )
  })
})
