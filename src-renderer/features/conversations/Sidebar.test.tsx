import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import type { SearchHit } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeConversation, makeMessage } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'
import { SEARCH_DEBOUNCE_MS } from './SearchBox'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const today = new Date().toISOString()
const soup = makeConversation({ id: 'soup', title: 'Soup recipes', updatedAt: today })
const rust = makeConversation({ id: 'rust', title: 'Rust lifetimes', updatedAt: '2020-01-01T00:00:00.000Z' })

async function sidebar() {
  const fake = createFakeBridge()
  fake.handle('conversations:list', () => ok({ conversations: [soup, rust] }))
  fake.handle('conversations:get', ({ conversationId }) =>
    ok({
      conversation: conversationId === 'soup' ? soup : rust,
      messages: [
        makeMessage({ id: `${conversationId}-1`, conversationId, role: 'user', content: 'first' }),
        makeMessage({ id: `${conversationId}-2`, conversationId, role: 'assistant', content: 'borrow checker' }),
      ],
    }),
  )
  const app = await renderApp(fake)
  return { fake, app }
}

describe('the conversation list', () => {
  it('groups by last activity and opens a conversation on click', async () => {
    const { fake, app } = await sidebar()
    const nav = screen.getByRole('navigation', { name: 'Conversations' })
    expect(
      within(nav)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Today', 'Older'])
    await app.user.click(within(nav).getByRole('button', { name: 'Rust lifetimes' }))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Rust lifetimes')
    expect(fake.callsTo('settings:update')).toContainEqual({ lastConversationId: 'rust' })
  })

  it('renames inline with Enter', async () => {
    const { fake, app } = await sidebar()
    fake.handle('conversations:update', ({ title }) => ok({ ...rust, title: title ?? '' }))
    await app.user.click(screen.getByRole('button', { name: 'Rename “Rust lifetimes”' }))
    const field = screen.getByRole('textbox', { name: 'New title for “Rust lifetimes”' })
    await app.user.clear(field)
    await app.user.type(field, 'Borrowing{Enter}')
    expect(fake.callsTo('conversations:update')).toEqual([{ conversationId: 'rust', title: 'Borrowing' }])
    expect(await screen.findByRole('button', { name: 'Borrowing' })).toBeTruthy()
  })

  it('deletes with an Undo toast', async () => {
    const { fake, app } = await sidebar()
    fake.handle('conversations:delete', () => ok({ deleted: true }))
    fake.handle('conversations:restore', () => ok(rust))
    await app.user.click(screen.getByRole('button', { name: 'Delete “Rust lifetimes”' }))
    expect(screen.queryByRole('button', { name: 'Rust lifetimes' })).toBeNull()
    expect(screen.getByText('Deleted “Rust lifetimes”.')).toBeTruthy()
    await app.user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(fake.callsTo('conversations:restore')).toEqual([{ conversationId: 'rust' }])
    expect(await screen.findByRole('button', { name: 'Rust lifetimes' })).toBeTruthy()
  })
})

describe('search', () => {
  const hit: SearchHit = {
    conversationId: 'rust',
    conversationTitle: 'Rust lifetimes',
    messageId: 'rust-2',
    role: 'assistant',
    snippet: [
      { text: 'the ', match: false },
      { text: 'borrow', match: true },
      { text: ' checker', match: false },
    ],
    createdAt: '2020-01-01T00:00:00.000Z',
  }

  it('highlights the matched words and opens the hit at its message', async () => {
    const { fake, app } = await sidebar()
    fake.handle('conversations:search', () => ok({ hits: [hit], hasMore: false }))
    await app.user.type(screen.getByRole('searchbox', { name: 'Search all conversations' }), 'borrow')
    const results = await screen.findByRole('navigation', { name: 'Search results' })
    await waitFor(() => expect(fake.callsTo('conversations:search')).toEqual([{ query: 'borrow', limit: 30 }]))
    expect(within(results).getByText('borrow').tagName).toBe('MARK')
    await app.user.click(within(results).getByRole('button', { name: /Rust lifetimes/ }))
    await waitFor(() => {
      const highlighted = document.querySelector('.msg--highlighted')
      expect(highlighted?.getAttribute('data-message-id')).toBe('rust-2')
    })
  })

  it('sends nothing for one-letter words and keeps the conversation list', async () => {
    const { fake } = await sidebar()
    fake.handle('conversations:search', () => ok({ hits: [hit], hasMore: false }))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const box = screen.getByRole('searchbox', { name: 'Search all conversations' })
    const typeAndWait = async (value: string) => {
      fireEvent.change(box, { target: { value } })
      // Past the search box's debounce, whatever it is: a search for this value would have been sent by now.
      await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 1))
    }
    await typeAndWait('b')
    await typeAndWait('a b')
    expect(fake.callsTo('conversations:search')).toEqual([])
    expect(screen.getByRole('navigation', { name: 'Conversations' })).toBeTruthy()
    // The same wait does send a searchable query, so the silence above is the rule's, not the clock's.
    await typeAndWait('bo')
    expect(fake.callsTo('conversations:search')).toEqual([{ query: 'bo', limit: 30 }])
  })

  it('offers more results when there are more, and loads them from the keyboard', async () => {
    const { fake, app } = await sidebar()
    const numbered = (n: number): SearchHit => ({
      ...hit,
      messageId: `rust-${n}`,
      snippet: [{ text: `hit ${n}`, match: false }],
    })
    fake.handle('conversations:search', ({ after }) =>
      after === undefined
        ? ok({ hits: Array.from({ length: 30 }, (_, i) => numbered(i)), hasMore: true, next: 'newest:7' })
        : ok({ hits: [29, 30, 31].map(numbered), hasMore: false }),
    )
    await app.user.type(screen.getByRole('searchbox', { name: 'Search all conversations' }), 'borrow')
    const results = await screen.findByRole('navigation', { name: 'Search results' })
    const more = await within(results).findByRole('button', { name: 'Show more results' })
    expect(within(results).getByRole('status').textContent).toBe('First 30 messages')
    more.focus()
    await app.user.keyboard('{Enter}')
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('32 messages'))
    // The repeated hit 29 is shown once (and React sees no duplicate key).
    expect(fake.callsTo('conversations:search')).toEqual([
      { query: 'borrow', limit: 30 },
      { query: 'borrow', limit: 30, after: 'newest:7' },
    ])
    expect(within(results).getAllByText('hit 29')).toHaveLength(1)
    expect(within(results).getByText('hit 31')).toBeTruthy()
    expect(within(results).queryByRole('button', { name: 'Show more results' })).toBeNull()
  })

  it('says when nothing matches, and Esc clears the search', async () => {
    const { fake, app } = await sidebar()
    fake.handle('conversations:search', () => ok({ hits: [], hasMore: false }))
    const box = screen.getByRole('searchbox', { name: 'Search all conversations' })
    await app.user.type(box, 'zebra')
    expect(await screen.findByText('No messages match “zebra”.')).toBeTruthy()
    await app.user.type(box, '{Escape}')
    expect(await screen.findByRole('navigation', { name: 'Conversations' })).toBeTruthy()
  })
})

describe('a conversation’s export menu', () => {
  it('closes when the focus leaves it, without pulling the focus back to its button', async () => {
    await sidebar()
    const opener = screen.getByRole('button', { name: 'Export “Soup recipes”…' })
    fireEvent.click(opener)
    const json = within(screen.getByRole('group', { name: 'Export “Soup recipes” as' })).getByRole('button', {
      name: /JSON/,
    })
    act(() => json.focus())
    const focusOpener = vi.spyOn(opener, 'focus')
    const elsewhere = screen.getByRole('button', { name: 'Rust lifetimes' })
    fireEvent.blur(json, { relatedTarget: elsewhere })
    expect(screen.queryByRole('group', { name: 'Export “Soup recipes” as' })).toBeNull()
    expect(focusOpener).not.toHaveBeenCalled()
  })
})
