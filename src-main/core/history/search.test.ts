import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../src-shared/types'
import { openHistoryStore, type HistoryStore } from './history-store'
import { splitSnippet, toMatchQuery } from './search'
import { createSteppingClock } from './test-fixtures/clock'

const text = (hit: SearchHit | undefined) => hit?.snippet.map((part) => part.text).join('') ?? ''
const marked = (hit: SearchHit | undefined) => hit?.snippet.filter((part) => part.match).map((part) => part.text) ?? []

describe('toMatchQuery', () => {
  it('quotes every word as a prefix term', () => {
    expect(toMatchQuery('  pasta  Carbonara ')).toBe('"pasta"* "Carbonara"*')
  })

  it('escapes quotes and keeps FTS5 operators as plain words', () => {
    expect(toMatchQuery('say "hi" AND(x) NEAR')).toBe('"say"* """hi"""* "AND(x)"* "NEAR"*')
  })

  it('returns null when nothing searchable is left', () => {
    expect(toMatchQuery('')).toBeNull()
    expect(toMatchQuery('   ')).toBeNull()
    expect(toMatchQuery('" * ( ) - ^ :')).toBeNull()
  })

  it('searches nothing for a query under two characters, and drops one-letter words beside longer ones', () => {
    expect(toMatchQuery('c')).toBeNull()
    expect(toMatchQuery(' é ')).toBeNull()
    expect(toMatchQuery('co')).toBe('"co"*')
    expect(toMatchQuery('c language')).toBe('"language"*')
    // Only one-letter words: nothing has a prefix index to serve it, so nothing is searched.
    expect(toMatchQuery('a b')).toBeNull()
    expect(toMatchQuery('a b -- ')).toBeNull()
    expect(toMatchQuery('a bc')).toBe('"bc"*')
  })

  it('bounds the number and length of terms', () => {
    const query = toMatchQuery(`${'x'.repeat(500)} ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')}`) ?? ''
    expect(query.split(' ')).toHaveLength(16)
    expect(query.startsWith(`"${'x'.repeat(64)}"*`)).toBe(true)
  })
})

describe('splitSnippet', () => {
  it('splits on the private markers into plain parts', () => {
    expect(splitSnippet('…the \uE000carbonara\uE001 sauce \uE000is\uE001')).toEqual([
      { text: '…the ', match: false },
      { text: 'carbonara', match: true },
      { text: ' sauce ', match: false },
      { text: 'is', match: true },
    ])
  })

  it('keeps markup as text and survives unbalanced markers', () => {
    expect(splitSnippet('<b>x</b>')).toEqual([{ text: '<b>x</b>', match: false }])
    expect(splitSnippet('a\uE001b\uE000')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
    ])
    expect(splitSnippet('')).toEqual([])
  })
})

describe('search', () => {
  let store: HistoryStore
  beforeEach(() => {
    store = openHistoryStore({ file: ':memory:', now: createSteppingClock().now })
  })
  afterEach(() => store.close())

  const find = async (query: string, limit?: number): Promise<SearchHit[]> =>
    (await store.search(limit === undefined ? { query } : { query, limit })).hits

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

  it('finds messages by word prefix and marks the matches in the snippet', async () => {
    const { conversation, messages } = chat(
      'Dinner',
      'How do I cook spaghetti carbonara?',
      'Fry the guanciale, then mix eggs and pecorino.',
    )
    const hits = await find('carbo')
    expect(hits).toEqual([
      {
        conversationId: conversation.id,
        conversationTitle: 'Dinner',
        messageId: messages[0]?.id,
        role: 'user',
        snippet: [
          { text: 'How do I cook spaghetti ', match: false },
          { text: 'carbonara', match: true },
          { text: '?', match: false },
        ],
        createdAt: messages[0]?.createdAt,
      },
    ])
    expect(marked((await find('guan pec'))[0])).toEqual(['guanciale', 'pecorino'])
  })

  it('requires every word and ignores case and diacritics', async () => {
    chat('Drinks', 'Un café au lait, s’il vous plaît', 'Tea with milk')
    expect((await find('CAFE lait')).map(text)).toEqual(['Un café au lait, s’il vous plaît'])
    expect(await find('café')).toHaveLength(1)
    expect(await find('cafe tea')).toEqual([])
  })

  it('finds every word a long prefix starts, folded as the index folds them, and nothing for a prefix of none', async () => {
    chat('Drinks', 'Carbonated water', 'Spaghetti carbonara', 'La cafetería', 'Un café crème')
    expect((await find('CARBON')).map(text).sort()).toEqual(['Carbonated water', 'Spaghetti carbonara'])
    expect((await find('cafe')).flatMap(marked).sort()).toEqual(['cafetería', 'café'])
    expect(await find('carbonx')).toEqual([])
    expect(await find('carbon zzzz')).toEqual([])
  })

  it('ranks the closer match first (bm25)', async () => {
    chat('A', 'llama llama llama, the llama is a llama', 'unrelated words about alpacas and other animals in the field')
    chat('B', 'a long message that mentions llama once among many many other words about farms and fields')
    const hits = await find('llama')
    expect(hits).toHaveLength(2)
    expect(hits[0]?.conversationTitle).toBe('A')
  })

  it('cuts long messages around the match', async () => {
    const long = `${'filler '.repeat(200)}needle ${'padding '.repeat(200)}`
    chat('Long', long)
    const snippet = text((await find('needle'))[0])
    expect(snippet.length).toBeLessThan(200)
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
  })

  it('never throws on hostile input', async () => {
    chat('Quotes', 'She said "hello" AND(then) left: NEAR the door*')
    const hostile = [
      '"',
      '""',
      '"hello',
      'AND(',
      'AND',
      'OR NOT',
      'NEAR(a b, 2)',
      '*',
      'title:x',
      '{content}: x',
      '^x',
      'a-b',
      "'; DROP TABLE messages; --",
      '\u0000',
      '\uE000',
      '(((',
      'x'.repeat(5000),
    ]
    for (const query of hostile) await expect(find(query)).resolves.toBeInstanceOf(Array)
    expect(await find('"hello')).toHaveLength(1)
    expect(await find('AND(then)')).toHaveLength(1)
    expect(await find('NEAR')).toHaveLength(1)
    expect(await find('')).toEqual([])
    expect(await find('" ( *')).toEqual([])
    expect(store.listConversations()).toHaveLength(1)
  })

  it('matches conversation titles once per conversation', async () => {
    const { conversation, messages } = chat('Holiday planning', 'Where should we go?', 'Somewhere warm.', 'And cheap?')
    chat('Other', 'nothing relevant')
    const hits = await find('holiday')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({
      conversationId: conversation.id,
      messageId: messages[0]?.id,
      conversationTitle: 'Holiday planning',
    })
    expect(marked(hits[0])).toEqual([])
    expect((await find('holiday warm')).map((hit) => hit.messageId)).toEqual([messages[1]?.id])
  })

  it('gives no title-only hit for a conversation that also matches in its messages', async () => {
    const { messages } = chat('Recipes', 'Hello', 'Noted.', 'Send me recipes for soup')
    const hits = await find('recipes')
    expect(hits.map((hit) => hit.messageId)).toEqual([messages[2]?.id])
    expect(marked(hits[0])).toEqual(['recipes'])
  })

  it('skips soft-deleted conversations and finds them again after restore', async () => {
    const { conversation } = chat('Secret', 'the password is swordfish')
    store.deleteConversation(conversation.id)
    expect(await find('swordfish')).toEqual([])
    expect(await find('secret')).toEqual([])
    store.restoreConversation(conversation.id)
    expect(await find('swordfish')).toHaveLength(1)
  })

  it('honours the limit', async () => {
    for (let i = 0; i < 40; i += 1) chat(`Chat ${i}`, `apple number ${i}`)
    expect(await find('apple')).toHaveLength(30)
    expect(await find('apple', 5)).toHaveLength(5)
    expect(await find('apple', 0)).toHaveLength(1)
    expect(await find('apple', 1000)).toHaveLength(40)
  })

  it('pages through hits without gaps or repeats, whether ranked or newest first', async () => {
    const collect = async (query: string) => {
      const seen: string[] = []
      for (let offset = 0; ; offset += 7) {
        const page = await store.search({ query, limit: 7, offset })
        seen.push(...page.hits.map((hit) => hit.messageId))
        if (!page.hasMore) return seen
      }
    }
    for (let i = 0; i < 20; i += 1) chat(`Few ${i}`, `pear ${i}`)
    const pears = await collect('pear')
    expect(new Set(pears).size).toBe(20)
    // Past 2,000 matching messages hits come newest first; a title-only conversation takes its place by age.
    const first = chat('Plum pie', 'no fruit named here')
    for (let i = 0; i < 1_100; i += 1) chat(`Many ${i}`, `plum ${i}`, `more plum ${i}`)
    const gone = chat('Deleted', 'plum hidden')
    store.deleteConversation(gone.conversation.id)
    const last = chat('Latest', 'the newest plum')
    const plums = await collect('plum')
    expect(plums).toHaveLength(2_202)
    expect(new Set(plums).size).toBe(2_202)
    expect(plums[0]).toBe(last.messages[0]?.id)
    expect(plums.at(-1)).toBe(first.messages[0]?.id)
    expect((await store.search({ query: 'plum', limit: 100, offset: 2_150 })).hits.map((hit) => hit.messageId)).toEqual(
      plums.slice(2_150),
    )
  })

  it('stays in sync with updates, deletes, renames and purges', async () => {
    const { conversation, messages } = chat('Garden', 'tomatoes need sun', 'and water')
    const reply = messages[1]?.id ?? ''
    store.updateMessage(reply, { content: 'and compost' })
    expect(await find('water')).toEqual([])
    expect((await find('compost')).map((hit) => hit.messageId)).toEqual([reply])

    store.updateMessage(reply, { status: 'complete' })
    expect(await find('compost')).toHaveLength(1)

    store.updateConversation(conversation.id, { title: 'Vegetables' })
    expect(await find('garden')).toEqual([])
    expect(await find('vegetables')).toHaveLength(1)

    store.discardFrom(conversation.id, reply)
    expect(await find('compost')).toEqual([])
    expect(await find('tomatoes')).toHaveLength(1)

    store.deleteConversation(conversation.id)
    store.purgeDeleted(new Date('2100-01-01T00:00:00.000Z'))
    expect(await find('tomatoes')).toEqual([])
  })
})
