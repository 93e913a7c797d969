import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from './history-store'
import { SEARCH_TOTAL_CAP } from './search-total'
import { createSteppingClock } from './test-fixtures/clock'

// The first page of a search says how many hits there are in all, counting exactly what the pages show.
describe('search total', () => {
  let store: HistoryStore
  beforeEach(() => {
    store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  })
  afterEach(() => store.close())

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

  /** Every hit of `query`, following the cursor from the first page to the last. */
  const everyHit = async (query: string) => {
    const first = await store.search({ query, limit: 100 })
    const ids = first.hits.map((hit) => hit.messageId)
    for (let next = first.next; next !== undefined;) {
      const page = await store.search({ query, limit: 100, after: next })
      expect(page.total, 'later pages leave the total out').toBeUndefined()
      ids.push(...page.hits.map((hit) => hit.messageId))
      next = page.next
    }
    return { first, ids }
  }

  it('counts every hit on the first page, beyond the page size, as the pages then show them', async () => {
    for (let i = 0; i < 70; i += 1) chat(`Walnut ${i}`, `walnut ${i}`, 'no nut here', `another walnut ${i}`)
    chat('Walnut trees', 'where do they grow?')
    const gone = chat('Deleted', 'walnut in the bin')
    store.deleteConversation(gone.conversation.id)
    const first = await store.search({ query: 'walnut', limit: 30 })
    expect(first.hits).toHaveLength(30)
    // 140 messages with the word, one conversation by its title; not the one in the bin.
    expect(first).toMatchObject({ hasMore: true, total: 141 })
    expect(first.moreThanTotal).toBeUndefined()
    expect((await everyHit('walnut')).ids).toHaveLength(141)
  })

  it('counts only the version shown', async () => {
    const { conversation, messages } = chat('Orchard', 'which quince grows here', 'the old quince answer')
    store.branchFrom(conversation.id, messages[1]?.id ?? '')
    store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: 'the new quince answer',
      status: 'complete',
    })
    expect((await store.search({ query: 'quince' })).total).toBe(2)
    expect((await store.search({ query: 'old quince' })).total).toBe(0)
  })

  it('stops counting past the cap and says there are more', async () => {
    for (let i = 0; i < SEARCH_TOTAL_CAP / 2 + 10; i += 1) chat(`Many ${i}`, `hazel ${i}`, `more hazel ${i}`)
    const first = await store.search({ query: 'hazel' })
    expect(first).toMatchObject({ total: SEARCH_TOTAL_CAP, moreThanTotal: true })
    expect((await everyHit('hazel')).ids.length).toBeGreaterThan(SEARCH_TOTAL_CAP)
  })

  it('says zero when nothing shown matches', async () => {
    const gone = chat('Nuts', 'pistachio')
    store.deleteConversation(gone.conversation.id)
    expect(await store.search({ query: 'pistachio' })).toEqual({ hits: [], hasMore: false, total: 0 })
  })
})
