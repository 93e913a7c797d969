import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { ok, type Result } from '../../../src-shared/ipc/result'
import type { ChatMessage, ChatTurn } from '../../../src-shared/types'
import { deferred } from '../../test-support/fake-bridge'
import { makeConversation, makeMessage } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'
import { AssistantMessage } from './AssistantMessage'
import { NoticeMessage } from './NoticeMessage'
import { UserMessage } from './UserMessage'

// Counted, not changed: every render of a message is a call of one of these.
vi.mock(import('./UserMessage'), async (importOriginal) => {
  const original = await importOriginal()
  return { ...original, UserMessage: vi.fn(original.UserMessage) }
})
vi.mock(import('./AssistantMessage'), async (importOriginal) => {
  const original = await importOriginal()
  return { ...original, AssistantMessage: vi.fn(original.AssistantMessage) }
})
vi.mock(import('./NoticeMessage'), async (importOriginal) => {
  const original = await importOriginal()
  return { ...original, NoticeMessage: vi.fn(original.NoticeMessage) }
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const c = 'c1'
const conversation = makeConversation({ id: c, title: 'Trip' })

/** How often each message rendered since the counters were last cleared, by id. */
function rendersById(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const component of [UserMessage, AssistantMessage, NoticeMessage]) {
    for (const [props] of vi.mocked(component).mock.calls)
      counts[props.message.id] = (counts[props.message.id] ?? 0) + 1
  }
  return counts
}

function clearRenders(): void {
  for (const component of [UserMessage, AssistantMessage, NoticeMessage]) vi.mocked(component).mockClear()
}

function conversationOf(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, index) =>
    makeMessage({
      id: `m${index}`,
      conversationId: c,
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `Message number ${index}`,
    }),
  )
}

it('re-renders only the messages a turn changes, at its start, while it streams and at its end', async () => {
  const earlier = conversationOf(6)
  const app = await renderOpenChat({ conversation, messages: earlier })
  const reply = deferred<Result<ChatTurn>>()
  app.fake.handle('chat:send', () => reply.promise)
  await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'And then?')
  clearRenders()

  await app.user.keyboard('{Enter}')
  await waitFor(() => expect(app.fake.callsTo('chat:send')).toHaveLength(1))
  // The conversation is answering: Edit waits (read by the button itself) and the last reply drops Regenerate.
  expect(
    screen.getAllByRole('button', { name: 'Edit and resend' }).every((button) => button.hasAttribute('disabled')),
  ).toBe(true)
  const { requestId } = app.fake.callsTo('chat:send')[0]!
  const question = makeMessage({ id: 'u-new', conversationId: c, role: 'user', content: 'And then?' })
  const streaming = makeMessage({ id: 'a-new', conversationId: c, role: 'assistant', status: 'streaming' })
  app.emit('chat:started', {
    requestId,
    conversationId: c,
    conversation,
    userMessage: question,
    assistantMessage: streaming,
  })
  for (const word of ['Day', ' one', ' two']) {
    app.emit('chat:delta', { requestId, messageId: 'a-new', content: word, thinking: '' })
    app.frame()
  }
  expect(screen.getByText('Day one two')).toBeTruthy()
  const done = { ...streaming, status: 'complete' as const, content: 'Day one two' }
  reply.resolve(ok({ conversation, userMessage: { ...question }, assistantMessage: done, notices: [] }))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Regenerate reply' })).toBeTruthy())

  const renders = rendersById()
  // m0…m4 are untouched by the turn; m5 was the last reply (it loses, then passes on, Regenerate).
  expect(Object.keys(renders).sort()).toEqual(['a-new', 'm5', 'u-new'])
  // The new question renders once: main's equal copy at the turn's end keeps the object the list has.
  expect(renders['u-new']).toBe(1)
})

it('keeps a conversation at its newest message through a ResizeObserver, with no layout read per streamed frame', async () => {
  const observed: ResizeObserverCallback[] = []
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: ResizeObserverCallback) {
        observed.push(callback)
      }
      observe() {}
      disconnect() {}
    },
  )
  let contentHeight = 1000
  const heightReads = vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockImplementation(() => contentHeight)
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(0)
  const streaming = makeMessage({ id: 'a1', conversationId: c, role: 'assistant', status: 'streaming' })
  const app = await renderOpenChat({
    conversation,
    messages: [makeMessage({ id: 'u1', conversationId: c, role: 'user', content: 'Hi' }), streaming],
  })
  const region = screen.getByRole('region', { name: 'Messages' })
  expect(region.scrollTop).toBe(1000)
  const grow = () => act(() => observed.forEach((callback) => callback([], {} as ResizeObserver)))

  // The reply's first text is a change of the list (the outline), which follows at once; the frames after it are not.
  app.emit('chat:delta', { requestId: 'r1', messageId: 'a1', content: 'Once', thinking: '' })
  app.frame()
  heightReads.mockClear()
  for (const word of [' upon', ' a', ' time']) {
    app.emit('chat:delta', { requestId: 'r1', messageId: 'a1', content: word, thinking: '' })
    app.frame()
  }
  expect(screen.getByText('Once upon a time')).toBeTruthy()
  expect(heightReads, 'a streamed frame forces no layout').not.toHaveBeenCalled()

  contentHeight = 1400
  grow()
  expect(region.scrollTop, 'growth seen by the observer follows to the bottom').toBe(1400)

  region.scrollTop = 200
  act(() => void region.dispatchEvent(new Event('scroll')))
  contentHeight = 1800
  grow()
  expect(region.scrollTop, 'a reader who scrolled up stays where they are').toBe(200)
  vi.unstubAllGlobals()
})

it('jumps to a searched message far up a long conversation: renders it in full and scrolls it into view', async () => {
  const scrolledTo: Element[] = []
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolledTo.push(this)
  })
  const messages = conversationOf(400)
  const app = await renderOpenChat({ conversation, messages })
  const region = screen.getByRole('region', { name: 'Messages' })
  const full = () => region.querySelectorAll('li[data-message-id]')
  const list = region.querySelector('ol.messages__list')
  // Opened at the bottom: only the newest messages in full; the rest in runs of 64 rows, empty at first (a box of
  // their height each), then filled with plain-text placeholders while idle (still list items).
  expect(full().length).toBeLessThan(40)
  expect(list?.children.length, 'the list holds a box per run of rows, not a box per row').toBeLessThan(40)
  expect(region.querySelectorAll('li.msg-run[data-pending]').length, 'the runs start empty').toBeGreaterThan(0)
  await waitFor(() => expect(region.querySelectorAll('li[data-message-id], li[data-placeholder-id]')).toHaveLength(400))
  expect(region.querySelectorAll('li.msg-run[data-pending]'), 'every run filled while idle').toHaveLength(0)
  expect(region.querySelector('[data-placeholder-id="m7"]')?.textContent).toBe('Message number 7')

  await act(() => app.store.getState().openConversation(c, { highlightMessageId: 'm7' }))

  const target = region.querySelector('[data-message-id="m7"]')
  expect(target, 'the searched message is rendered in full').not.toBeNull()
  expect(target?.className).toContain('msg--highlighted')
  expect(scrolledTo).toEqual([target])
  expect(full().length, 'the window moved rather than grew').toBeLessThan(40)
  expect(region.querySelector('[data-message-id="m399"]'), 'the newest message is a placeholder now').toBeNull()
})
