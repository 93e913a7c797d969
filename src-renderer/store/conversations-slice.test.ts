import { describe, expect, it } from 'vitest'
import { ok } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../src-shared/types'
import { deferred } from '../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../test-support/fixtures'
import { createStoreHarness } from '../test-support/store-harness'
import { bootApp } from './boot'
import { selectActiveModelName } from './conversations-slice'

const older = makeConversation({ id: 'old', title: 'Older', updatedAt: '2026-07-01T00:00:00.000Z' })
const newer = makeConversation({ id: 'new', title: 'Newer', updatedAt: '2026-07-02T00:00:00.000Z' })

function harnessWithTwo() {
  const harness = createStoreHarness()
  harness.fake.handle('conversations:list', () => ok({ conversations: [newer, older] }))
  harness.fake.handle('conversations:get', ({ conversationId }) =>
    ok({
      conversation: conversationId === 'old' ? older : newer,
      messages: [makeMessage({ id: `${conversationId}-m`, conversationId, role: 'user', content: 'Hi' })],
    }),
  )
  return harness
}

/** The n-th search hit of a fake history, all in the conversation "Older". */
const hitNumber = (n: number) => ({
  conversationId: 'old',
  conversationTitle: 'Older',
  messageId: `m${n}`,
  role: 'user' as const,
  snippet: [{ text: `hit ${n}`, match: false }],
  createdAt: '2026-07-01T00:00:00.000Z',
})
describe('start-up', () => {
  it('reopens the last conversation from the settings', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'old' }))
    await bootApp(harness.store)
    const state = harness.store.getState()
    expect(state.booted).toBe(true)
    expect(state.activeConversationId).toBe('old')
    expect(state.messagesByConversation.old?.[0]?.content).toBe('Hi')
    expect(harness.fake.callsTo('settings:update')).toHaveLength(0)
  })

  it('opens a new-chat draft with the default model when there is no last conversation', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('models:list', () =>
      ok({ models: [makeModel({ name: 'llama3:latest' }), makeModel({ name: 'qwen3:8b' })], defaultModel: 'qwen3:8b' }),
    )
    await bootApp(harness.store)
    expect(harness.store.getState().activeConversationId).toBeNull()
    expect(selectActiveModelName(harness.store.getState())).toBe('qwen3:8b')
  })
})

describe('switching, renaming and deleting', () => {
  it('remembers the conversation switched to', async () => {
    const harness = harnessWithTwo()
    await bootApp(harness.store)
    await harness.store.getState().openConversation('new')
    expect(harness.fake.callsTo('settings:update')).toEqual([{ lastConversationId: 'new' }])
    expect(harness.store.getState().settings.lastConversationId).toBe('new')
  })

  it('renames through conversations:update and re-sorts after activity', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('conversations:update', (input) =>
      ok({ ...older, title: input.title ?? older.title, updatedAt: '2026-07-03T00:00:00.000Z' }),
    )
    await bootApp(harness.store)
    expect(await harness.store.getState().renameConversation('old', 'Renamed')).toBeNull()
    expect(harness.fake.callsTo('conversations:update')).toEqual([{ conversationId: 'old', title: 'Renamed' }])
    expect(harness.store.getState().conversations.map((c) => c.title)).toEqual(['Renamed', 'Newer'])
  })

  it('deletes with an Undo toast that restores the conversation in its place', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'new' }))
    harness.fake.handle('conversations:delete', () => ok({ deleted: true }))
    harness.fake.handle('conversations:restore', () => ok(newer))
    await bootApp(harness.store)
    expect(await harness.store.getState().deleteConversation('new')).toBeNull()
    let state = harness.store.getState()
    expect(harness.fake.callsTo('conversations:delete')).toEqual([{ conversationId: 'new' }])
    expect(state.conversations.map((c) => c.id)).toEqual(['old'])
    expect(state.activeConversationId).toBeNull()
    const toast = state.toasts.at(-1)
    expect(toast).toMatchObject({ text: 'Deleted “Newer”.', action: { label: 'Undo', conversationId: 'new' } })

    await harness.store.getState().runToastAction(toast!.id)
    state = harness.store.getState()
    expect(harness.fake.callsTo('conversations:restore')).toEqual([{ conversationId: 'new' }])
    expect(state.conversations.map((c) => c.id)).toEqual(['new', 'old'])
    expect(state.toasts).toEqual([])
  })

  it('changes the model of the open conversation, and of the draft locally', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('conversations:update', (input) => ok({ ...older, model: input.model ?? null }))
    await bootApp(harness.store)
    expect(await harness.store.getState().setActiveModel('qwen3:8b')).toBeNull()
    expect(harness.store.getState().draft.model).toBe('qwen3:8b')
    expect(harness.fake.callsTo('conversations:update')).toHaveLength(0)
    await harness.store.getState().openConversation('old')
    await harness.store.getState().setActiveModel('qwen3:8b')
    expect(harness.fake.callsTo('conversations:update')).toEqual([{ conversationId: 'old', model: 'qwen3:8b' }])
    expect(harness.store.getState().conversations.find((c) => c.id === 'old')?.model).toBe('qwen3:8b')
  })
})

describe('search', () => {
  it('asks conversations:search and keeps the hits with their snippet parts', async () => {
    const harness = harnessWithTwo()
    const hit = {
      conversationId: 'old',
      conversationTitle: 'Older',
      messageId: 'old-m',
      role: 'user' as const,
      snippet: [
        { text: 'say ', match: false },
        { text: 'Hi', match: true },
      ],
      createdAt: '2026-07-01T00:00:00.000Z',
    }
    harness.fake.handle('conversations:search', () => ok({ hits: [hit], hasMore: false }))
    await bootApp(harness.store)
    await harness.store.getState().runSearch(' hi ')
    expect(harness.fake.callsTo('conversations:search')).toEqual([{ query: 'hi', limit: 30 }])
    expect(harness.store.getState().search).toMatchObject({ status: 'ready', hits: [hit] })
    await harness.store.getState().runSearch('')
    expect(harness.store.getState().search).toMatchObject({ status: 'idle', hits: [] })
  })

  it('ignores an older answer that arrives after a newer search', async () => {
    const harness = harnessWithTwo()
    const slow = deferred<ReturnType<typeof ok<{ hits: never[]; hasMore: boolean }>>>()
    harness.fake.handle('conversations:search', ({ query }) =>
      query === 'slow' ? slow.promise : ok({ hits: [], hasMore: false }),
    )
    await bootApp(harness.store)
    const first = harness.store.getState().runSearch('slow')
    await harness.store.getState().runSearch('fast')
    slow.resolve(ok({ hits: [], hasMore: false }))
    await first
    expect(harness.store.getState().search.query).toBe('fast')
  })

  it('does not send a query shorter than two characters, and clears instead', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('conversations:search', () => ok({ hits: [], hasMore: false }))
    await bootApp(harness.store)
    await harness.store.getState().runSearch('c')
    await harness.store.getState().runSearch('  é  ')
    // Only one-letter words: nothing to search either, however many.
    await harness.store.getState().runSearch('a b')
    expect(harness.fake.callsTo('conversations:search')).toEqual([])
    expect(harness.store.getState().search).toMatchObject({ status: 'idle', query: '', hits: [] })
    await harness.store.getState().runSearch('cl')
    expect(harness.fake.callsTo('conversations:search')).toEqual([{ query: 'cl', limit: 30 }])
  })

  it('loads the next page after the hits it has, and appends it', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('conversations:search', ({ after }) =>
      after === undefined
        ? ok({ hits: Array.from({ length: 30 }, (_, i) => hitNumber(i)), hasMore: true, next: 'newest:70' })
        : ok({ hits: Array.from({ length: 5 }, (_, i) => hitNumber(30 + i)), hasMore: false }),
    )
    await bootApp(harness.store)
    await harness.store.getState().runSearch('llama')
    expect(harness.store.getState().search).toMatchObject({ status: 'ready', hasMore: true })
    await harness.store.getState().loadMoreResults()
    expect(harness.fake.callsTo('conversations:search')).toEqual([
      { query: 'llama', limit: 30 },
      { query: 'llama', limit: 30, after: 'newest:70' },
    ])
    const { search } = harness.store.getState()
    expect(search.hits.map((hit) => hit.messageId)).toEqual(Array.from({ length: 35 }, (_, i) => `m${i}`))
    expect(search).toMatchObject({ hasMore: false, loadingMore: false })
    await harness.store.getState().loadMoreResults()
    expect(harness.fake.callsTo('conversations:search')).toHaveLength(2)
  })

  it('shows a hit once when the next page repeats one already shown (the history changed between pages)', async () => {
    const harness = harnessWithTwo()
    harness.fake.handle('conversations:search', ({ after }) =>
      after === undefined
        ? ok({ hits: [0, 1, 2].map(hitNumber), hasMore: true, next: 'ranked:3:9' })
        : ok({ hits: [2, 3, 3, 4].map(hitNumber), hasMore: false }),
    )
    await bootApp(harness.store)
    await harness.store.getState().runSearch('llama')
    await harness.store.getState().loadMoreResults()
    expect(harness.store.getState().search.hits.map((hit) => hit.messageId)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
  })

  it('opens a hit and asks for its message to be highlighted', async () => {
    const harness = harnessWithTwo()
    await bootApp(harness.store)
    harness.store.getState().setPage('models')
    await harness.store.getState().openConversation('old', { highlightMessageId: 'old-m' })
    expect(harness.store.getState()).toMatchObject({
      page: 'chat',
      activeConversationId: 'old',
      highlightMessageId: 'old-m',
    })
  })
})
