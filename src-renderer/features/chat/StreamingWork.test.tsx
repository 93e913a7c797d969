import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { ok, type Result } from '../../../src-shared/ipc/result'
import type { ChatTurn } from '../../../src-shared/types'
import { deferred } from '../../test-support/fake-bridge'
import { makeContext, makeConversation, makeMessage } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'
import { latestContext } from '../../lib/latest-context'
import { listLandmarks } from './list-landmarks'

// Counted, not changed: the message list's landmarks and the context meter's search for the latest report.
vi.mock(import('./list-landmarks'), async (importOriginal) => {
  const original = await importOriginal()
  return { ...original, listLandmarks: vi.fn(original.listLandmarks) }
})
vi.mock(import('../../lib/latest-context'), async (importOriginal) => {
  const original = await importOriginal()
  return { ...original, latestContext: vi.fn(original.latestContext) }
})

afterEach(cleanup)

const c = 'c1'
const conversation = makeConversation({ id: c, title: 'Trip' })
const earlier = [
  makeMessage({ id: 'u1', conversationId: c, role: 'user', content: 'Oldest' }),
  makeMessage({ id: 'a1', conversationId: c, role: 'assistant', content: 'Answer a1' }),
  makeMessage({ id: 'u2', conversationId: c, role: 'user', content: 'Still seen' }),
  makeMessage({
    id: 'a2',
    conversationId: c,
    role: 'assistant',
    content: 'Answer a2',
    context: makeContext({ truncated: true, droppedMessages: 2, promptTokens: 6000, replyTokens: 144 }),
  }),
]
const question = makeMessage({ id: 'u3', conversationId: c, role: 'user', content: 'And then?', parentId: 'a2' })
const streaming = makeMessage({ id: 'a3', conversationId: c, role: 'assistant', status: 'streaming', parentId: 'u3' })

it('finds the list’s landmarks and the latest context report once per change of the list, not per streamed frame', async () => {
  const app = await renderOpenChat({ conversation, messages: earlier })
  const reply = deferred<Result<ChatTurn>>()
  app.fake.handle('chat:send', () => reply.promise)
  await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'And then?{Enter}')
  await waitFor(() => expect(app.fake.callsTo('chat:send')).toHaveLength(1))
  const { requestId } = app.fake.callsTo('chat:send')[0]!
  app.emit('chat:started', {
    requestId,
    conversationId: c,
    conversation,
    userMessage: question,
    assistantMessage: streaming,
  })
  // The first text is a change of the list: from now on main sends this reply to the model.
  app.emit('chat:delta', { requestId, messageId: 'a3', content: 'Day', thinking: '' })
  app.frame()

  const landmarks = vi.mocked(listLandmarks).mock.calls.length
  const searches = vi.mocked(latestContext).mock.calls.length
  for (const word of [' one', ' two', ' three', ' four', ' five']) {
    app.emit('chat:delta', { requestId, messageId: 'a3', content: word, thinking: '' })
    app.frame()
  }
  expect(screen.getByText('Day one two three four five')).toBeTruthy()
  expect(vi.mocked(listLandmarks).mock.calls.length).toBe(landmarks)
  expect(vi.mocked(latestContext).mock.calls.length).toBe(searches)
  // What they found still shows while the reply streams.
  expect(screen.getByText('llama3 no longer sees the messages above')).toBeTruthy()
  expect(screen.getByText('6K of 8K tokens')).toBeTruthy()

  const report = makeContext({ truncated: true, droppedMessages: 4, promptTokens: 7000, replyTokens: 168 })
  const done = { ...streaming, status: 'complete' as const, content: 'Day one two three four five', context: report }
  reply.resolve(ok({ conversation, userMessage: question, assistantMessage: done, notices: [] }))
  await waitFor(() => expect(screen.getByText('7K of 8K tokens')).toBeTruthy())
  const items = [...screen.getByRole('region', { name: 'Messages' }).querySelectorAll('ol > li')].map(
    (item) => item.textContent,
  )
  expect(items[items.indexOf('llama3 no longer sees the messages above') + 1]).toContain('And then?')
})
