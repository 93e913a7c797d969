import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fail, ok, type Result } from '../../../src-shared/ipc/result'
import type { ChatMessage, ConversationSummary, NoticeInfo } from '../../../src-shared/types'
import { deferred } from '../../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'

afterEach(cleanup)

const c = 'c1'
const truncated = (overrides: Partial<Extract<NoticeInfo, { kind: 'context-truncated' }>> = {}): ChatMessage =>
  makeMessage({
    id: 'n1',
    conversationId: c,
    role: 'notice',
    content: 'llama3 ran with 8K and no longer sees the first 4 messages.',
    notice: {
      kind: 'context-truncated',
      model: 'llama3:latest',
      effective: 8192,
      droppedMessages: 4,
      raiseTo: 16384,
      raiseBlockedReason: null,
      ...overrides,
    },
  })
const messages = (notice: ChatMessage) => [
  makeMessage({ id: 'u1', conversationId: c, role: 'user', content: 'Hi' }),
  notice,
  makeMessage({ id: 'a1', conversationId: c, role: 'assistant', content: 'Hello' }),
]

it('shows a notice’s text as plain text, never as Markdown', async () => {
  const notice = makeMessage({ id: 'n1', conversationId: c, role: 'notice', content: 'Used **16K** for `llama3`.' })
  await renderOpenChat({ messages: [notice] })
  expect(screen.getByText('Used **16K** for `llama3`.')).toBeTruthy()
  expect(document.querySelector('.msg--notice strong, .msg--notice code')).toBeNull()
})

describe('raising the context from a truncation notice', () => {
  it('sets the model’s context and then says it is raised from the next message', async () => {
    const app = await renderOpenChat({ messages: messages(truncated()) })
    app.fake.handle('models:setNumCtx', ({ model, numCtx }) =>
      ok({ model: makeModel({ name: model, customNumCtx: numCtx }) }),
    )
    await app.user.click(screen.getByRole('button', { name: 'Raise the context to 16K' }))
    expect(app.fake.callsTo('models:setNumCtx')).toEqual([{ model: 'llama3:latest', numCtx: 16384 }])
    const done = await screen.findByText('Context raised to 16K for llama3: used from your next message.')
    expect(document.activeElement).toBe(done)
    expect(screen.queryByRole('button', { name: /Raise the context/ })).toBeNull()
  })

  it('shows the raised state instead of the button when the setting is already that high', async () => {
    await renderOpenChat({
      models: [makeModel({ name: 'llama3:latest', customNumCtx: 32768 })],
      messages: messages(truncated()),
    })
    expect(screen.getByText('Context raised to 32K for llama3: used from your next message.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Raise the context/ })).toBeNull()
  })

  it('says why when there is no larger context to offer', async () => {
    const reason = 'llama3 was trained for 8K: it cannot take a longer context.'
    await renderOpenChat({ messages: messages(truncated({ raiseTo: null, raiseBlockedReason: reason })) })
    expect(screen.getByText(reason)).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Raise the context/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Continue in a new chat from a summary' })).toBeTruthy()
  })

  it('shows a refusal next to the button', async () => {
    const app = await renderOpenChat({ messages: messages(truncated()) })
    app.fake.handle('models:setNumCtx', () =>
      fail('INVALID_NUM_CTX', 'The context length can be at most 8,192 tokens.'),
    )
    await app.user.click(screen.getByRole('button', { name: 'Raise the context to 16K' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The context length can be at most 8,192 tokens.')
  })

  it('offers the actions on the latest truncation notice only', async () => {
    const older = { ...truncated(), id: 'n0' }
    await renderOpenChat({ messages: [older, ...messages(truncated())] })
    expect(screen.getAllByRole('button', { name: 'Raise the context to 16K' })).toHaveLength(1)
  })
})

describe('continuing in a new chat from a summary', () => {
  const fresh = makeConversation({ id: 'c2', title: 'Trip (continued)', updatedAt: '2026-09-01T00:00:00.000Z' })

  it('shows the summary’s progress with Stop, then opens the new conversation', async () => {
    const app = await renderOpenChat({ messages: messages(truncated()) })
    const answer = deferred<Result<ConversationSummary>>()
    app.fake.handle('conversations:continueFromSummary', () => answer.promise)
    app.fake.handle('chat:cancel', () => ok({ cancelled: true }))
    await app.user.click(screen.getByRole('button', { name: 'Continue in a new chat from a summary' }))
    const [call] = app.fake.callsTo('conversations:continueFromSummary')
    expect(call).toEqual({ requestId: expect.any(String) as unknown, conversationId: 'c1' })
    app.emit('chat:progress', {
      requestId: call!.requestId,
      conversationId: 'c1',
      phase: 'summarizing',
      text: 'llama3 is summarising 12 messages…',
    })
    expect(screen.getByText('llama3 is summarising 12 messages…')).toBeTruthy()

    await app.user.click(screen.getByRole('button', { name: 'Stop the summary' }))
    expect(app.fake.callsTo('chat:cancel')).toEqual([{ requestId: call!.requestId }])
    expect(screen.getByText('Stopping…')).toBeTruthy()

    app.fake.handle('conversations:get', () => ok({ conversation: fresh, messages: [] }))
    answer.resolve(ok(fresh))
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Trip (continued)'))
    const nav = screen.getByRole('navigation', { name: 'Conversations' })
    expect(within(nav).getByRole('button', { name: 'Trip (continued)' })).toBeTruthy()
  })

  it('shows why it failed, and nothing when it was stopped', async () => {
    const app = await renderOpenChat({ messages: messages(truncated()) })
    app.fake.handle('conversations:continueFromSummary', () => fail('OLLAMA_UNREACHABLE', 'down'))
    await app.user.click(screen.getByRole('button', { name: 'Continue in a new chat from a summary' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Ollama is not answering.')

    app.fake.handle('conversations:continueFromSummary', () => fail('CANCELLED', 'Stopped.'))
    await app.user.click(screen.getByRole('button', { name: 'Continue in a new chat from a summary' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })
})

it('links a continued conversation back to the one it came from', async () => {
  const original = makeConversation({ id: 'c0', title: 'Trip' })
  const notice = makeMessage({
    id: 'n1',
    conversationId: c,
    role: 'notice',
    content: 'This conversation continues from a summary.',
    notice: { kind: 'continued-from', conversationId: 'c0', title: 'Trip' },
  })
  const app = await renderOpenChat({
    conversation: makeConversation({ id: c, title: 'Trip (continued)' }),
    others: [original],
    messages: [notice],
  })
  await app.user.click(screen.getByRole('button', { name: 'Continued from “Trip”' }))
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Trip'))
  expect(app.fake.callsTo('conversations:get')).toContainEqual(expect.objectContaining({ conversationId: 'c0' }))
})
