import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import type { In, Out } from '../../../src-shared/ipc/contract'
import { fail, ok } from '../../../src-shared/ipc/result'
import type { ChatMessage } from '../../../src-shared/types'
import { createFakeBridge, deferred } from '../../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../../test-support/fixtures'
import { renderApp, type AppHarness } from '../../test-support/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const c = 'c1'
const conversation = makeConversation({ id: c, title: 'Trip', messageCount: 400 })
const stored: ChatMessage[] = Array.from({ length: 400 }, (_, index) =>
  makeMessage({
    id: `m${index}`,
    conversationId: c,
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `Message number ${index}`,
  }),
)

/** `conversations:get` as the core pages it; a request for older messages waits for `older` and then gives what it says. */
function pageOf(input: In<'conversations:get'>): Out<'conversations:get'> {
  const end = input.before === undefined ? stored.length : stored.findIndex((message) => message.id === input.before)
  const start = Math.max(0, end - (input.limit ?? stored.length))
  return { conversation, messages: stored.slice(start, end), hasOlder: start > 0 }
}

/** The app on the new-chat draft, with the long conversation in the list; older pages are held until `release`. */
async function appWithHeldOlderPages(): Promise<{ app: AppHarness; release: (failure?: boolean) => void }> {
  const gate = deferred<boolean>()
  const fake = createFakeBridge()
  fake.handle('models:list', () =>
    ok({ models: [makeModel({ name: 'llama3:latest' })], defaultModel: 'llama3:latest' }),
  )
  fake.handle('conversations:list', () => ok({ conversations: [conversation] }))
  fake.handle('conversations:get', async (input) => {
    if (input.before !== undefined && (await gate.promise)) return fail('INTERNAL', 'The history could not be read.')
    return ok(pageOf(input))
  })
  const app = await renderApp(fake)
  return { app, release: (failure = false) => gate.resolve(failure) }
}

const region = () => screen.getByRole('region', { name: 'Messages' })
const renderedIds = () =>
  [...region().querySelectorAll('li[data-message-id]')].map((row) => row.getAttribute('data-message-id'))

it('opens a long conversation at its newest messages, then puts the older ones above without moving the window', async () => {
  const { app, release } = await appWithHeldOlderPages()
  act(() => void app.store.getState().openConversation(c))
  await waitFor(() => expect(renderedIds()).toContain('m399'))
  expect(screen.getByText('Loading earlier messages…').getAttribute('role')).toBe('status')
  expect(region().hasAttribute('data-loading-older')).toBe(true)
  expect(region().querySelector('[data-message-id="m0"], [data-placeholder-id="m0"]')).toBeNull()
  const shown = renderedIds()

  await act(async () => release())
  await waitFor(() => expect(region().hasAttribute('data-loading-older')).toBe(false))
  expect(screen.queryByText('Loading earlier messages…')).toBeNull()
  expect(renderedIds(), 'the same newest rows are rendered in full').toEqual(shown)
  // Filling runs in idle time, a slice at a time: on a loaded machine that takes longer than waitFor's default second.
  await waitFor(
    () => expect(region().querySelectorAll('li[data-message-id], li[data-placeholder-id]')).toHaveLength(400),
    { timeout: 10_000 },
  )
  expect(region().querySelector('[data-placeholder-id="m0"]')?.textContent).toBe('Message number 0')
})

it('jumps to a search hit among the older messages once they have arrived', async () => {
  const scrolledTo: Element[] = []
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolledTo.push(this)
  })
  const { app, release } = await appWithHeldOlderPages()
  act(() => void app.store.getState().openConversation(c, { highlightMessageId: 'm7' }))
  await waitFor(() => expect(renderedIds()).toContain('m399'))
  expect(scrolledTo, 'no jump while the hit is not loaded').toEqual([])

  await act(async () => release())
  await waitFor(() => expect(region().querySelector('[data-message-id="m7"]')).not.toBeNull())
  const target = region().querySelector('[data-message-id="m7"]')
  expect(target?.className).toContain('msg--highlighted')
  expect(scrolledTo).toEqual([target])
})

it('keeps the newest messages and offers to try again when the older ones cannot be fetched', async () => {
  const { app, release } = await appWithHeldOlderPages()
  act(() => void app.store.getState().openConversation(c))
  await waitFor(() => expect(renderedIds()).toContain('m399'))
  await act(async () => release(true))
  await waitFor(() => expect(screen.getByText('The history could not be read.')).toBeTruthy())
  expect(renderedIds()).toContain('m399')

  app.fake.handle('conversations:get', async (input) => ok(pageOf(input)))
  await app.user.click(screen.getByRole('button', { name: 'Try again' }))
  // Filling runs in idle time, a slice at a time: on a loaded machine that takes longer than waitFor's default second.
  await waitFor(
    () => expect(region().querySelectorAll('li[data-message-id], li[data-placeholder-id]')).toHaveLength(400),
    { timeout: 10_000 },
  )
  expect(screen.queryByText('The history could not be read.')).toBeNull()
})
