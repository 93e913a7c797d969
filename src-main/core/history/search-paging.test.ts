import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../src-shared/types'
import { openHistoryStore, type HistoryStore } from './history-store'
import { createSteppingClock } from './test-fixtures/clock'

// Paging while the history changes, and which messages a search may find at all: the path shown, not other versions.
describe('search pages', () => {
  let store: HistoryStore
  beforeEach(() => {
    store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  })
  afterEach(() => store.close())

  const find = async (query: string): Promise<SearchHit[]> => (await store.search({ query })).hits

  const chat = (title: string, ...contents: string[]) => {
    const conversation = store.createConversation({ model: 'llama3:latest', title })
    const messages = contents.map((content, index) =>
      store.appendMessage({
        conversationId: conversation.id,
        role: index % 2 === 0 ? 'user' : 'assistant',
        content,
        status: 'complete',
      }),
    )
    return { conversation, messages }
  }

  describe('paging with the next cursor while the history changes', () => {
    // Every page after the first asks with the cursor of the one before; the history changes after page one.
    const pagesAfter = async (query: string, first: { hits: SearchHit[]; next?: string }) => {
      const seen = first.hits.map((hit) => hit.messageId)
      for (let after = first.next; after !== undefined;) {
        const page = await store.search({ query, limit: 7, after })
        seen.push(...page.hits.map((hit) => hit.messageId))
        after = page.next
      }
      return seen
    }
    const idsOf = (chats: ReturnType<typeof chat>[]) =>
      chats.flatMap(({ messages }) => messages.map((message) => message.id))

    it('newest first: a new match and a reply growing into a match neither repeat nor skip a hit', async () => {
      const before = Array.from({ length: 1_010 }, (_, i) => chat(`Many ${i}`, `plum ${i}`, `more plum ${i}`))
      const streaming = chat('Streaming', 'tell me', '')
      const first = await store.search({ query: 'plum', limit: 7 })
      expect(first.next).toMatch(/^newest:/)
      chat('Newer', 'a new plum')
      const reply = streaming.messages[1]
      if (reply) store.updateMessage(reply.id, { content: 'a plum, checkpointed' })
      const seen = await pagesAfter('plum', first)
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen).toEqual(idsOf(before).reverse())
    })

    it('ranked: a new match does not push the hits down, so none repeats or is skipped', async () => {
      const before = Array.from({ length: 20 }, (_, i) => chat(`Few ${i}`, `pear ${i}`))
      const first = await store.search({ query: 'pear', limit: 7 })
      expect(first.next).toMatch(/^ranked:/)
      for (let i = 0; i < 5; i += 1) chat(`Later ${i}`, 'pear pear pear')
      const seen = await pagesAfter('pear', first)
      expect(new Set(seen).size).toBe(seen.length)
      expect(new Set(seen)).toEqual(new Set(idsOf(before)))
    })

    it('keeps the order of the first page when the match count crosses to newest first', async () => {
      const before = Array.from({ length: 20 }, (_, i) => chat(`Few ${i}`, `kiwi ${i}`))
      const first = await store.search({ query: 'kiwi', limit: 7 })
      for (let i = 0; i < 1_000; i += 1) chat(`Many ${i}`, `kiwi ${i}`, `kiwi again ${i}`)
      const seen = await pagesAfter('kiwi', first)
      expect(new Set(seen)).toEqual(new Set(idsOf(before)))
      expect(seen).toHaveLength(20)
    })
  })

  it('finds only the version shown, in the ranked and the newest-first orders', async () => {
    const { conversation, messages } = chat('Orchard', 'which fig grows here', 'the old fig answer')
    store.branchFrom(conversation.id, messages[1]?.id ?? '')
    const shown = store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'the new fig answer',
      status: 'complete',
    })
    expect(await find('old')).toEqual([])
    expect((await find('new')).map((hit) => hit.messageId)).toEqual([shown.id])
    expect(new Set((await find('fig')).map((hit) => hit.messageId))).toEqual(new Set([messages[0]?.id, shown.id]))
    // Enough matches to switch to newest first: the version off the path still never appears.
    for (let i = 0; i < 1_100; i += 1) chat(`Fig ${i}`, `fig ${i}`)
    const page = await store.search({ query: 'fig', limit: 100 })
    const all = [...page.hits]
    for (let next = page.next; next !== undefined;) {
      const more = await store.search({ query: 'fig', limit: 100, after: next })
      all.push(...more.hits)
      next = more.next
    }
    expect(all.some((hit) => hit.messageId === messages[1]?.id)).toBe(false)
    expect(all.some((hit) => hit.messageId === shown.id)).toBe(true)
  })
})
