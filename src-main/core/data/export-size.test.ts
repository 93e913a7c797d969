import { describe, expect, it } from 'vitest'
import { AppFailure } from '../app-failure'
import { dataHarnessesPerTest } from './test-fixtures/data-harness'
import { fillRichHistory } from './test-fixtures/rich-history'

const harness = dataHarnessesPerTest()

/** The rich history's JSON export size, compact, to set bounds around it. */
async function compactSize() {
  const { store, data } = harness({ exportBounds: { maxBytes: Number.MAX_SAFE_INTEGER, indentUpToBytes: 0 } })
  const ids = fillRichHistory(store)
  const all = Buffer.byteLength((await data.exportData({ requestId: 'r', format: 'json' })).text)
  const trip = Buffer.byteLength(
    (await data.exportData({ requestId: 'r', format: 'json', conversationId: ids.trip })).text,
  )
  return { all, trip }
}

async function refusalOf(maxBytes: number, conversation: 'all' | 'trip') {
  const { store, data } = harness({ exportBounds: { maxBytes, indentUpToBytes: maxBytes } })
  const ids = fillRichHistory(store)
  const request =
    conversation === 'all'
      ? { requestId: 'r', format: 'json' as const }
      : { requestId: 'r', format: 'json' as const, conversationId: ids.trip }
  const error = await data.exportData(request).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppFailure)
  return (error as AppFailure).message
}

describe('a JSON export too large to import back', () => {
  it('is refused with what to do instead, for all conversations and for one', async () => {
    const { all, trip } = await compactSize()
    expect(await refusalOf(all - 10, 'all')).toBe(
      'A JSON file of these conversations would be larger than the 1 MB ollmchat can import back. Export fewer conversations, or one conversation at a time.',
    )
    expect(await refusalOf(trip - 10, 'trip')).toBe(
      'This conversation’s JSON file would be larger than the 1 MB ollmchat can import back. The Markdown export holds its text, without the images.',
    )
  })
})

describe('a large JSON export', () => {
  it('is written without indentation, and still imports back whole', async () => {
    const { all } = await compactSize()
    const { store, data } = harness({ exportBounds: { maxBytes: all * 4, indentUpToBytes: 100 } })
    fillRichHistory(store)
    const { text } = await data.exportData({ requestId: 'r', format: 'json' })
    expect(text).not.toContain('\n ')
    expect(Buffer.byteLength(text)).toBe(all)
    const fresh = harness()
    expect(await fresh.data.importData({ requestId: 'r', text })).toMatchObject({
      conversations: 2,
      messages: 10,
      copies: 0,
    })
  })

  it('is indented while small', async () => {
    const { store, data } = harness()
    fillRichHistory(store)
    expect((await data.exportData({ requestId: 'r', format: 'json' })).text).toContain('\n  "conversations": [\n')
  })
})
