import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fail, ok, type Result } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type ChatMessage, type ChatTurn } from '../../../src-shared/types'
import { createFakeBridge, deferred } from '../../test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const anyString: unknown = expect.any(String)

const conversation = makeConversation({ id: 'c1', title: 'Trip', model: 'llama3:latest' })
const models = [
  makeModel({ name: 'llama3:latest', customNumCtx: 16384 }),
  makeModel({ name: 'qwen3:8b', modelNumCtx: 8192 }),
  makeModel({ name: 'mistral:latest' }),
  makeModel({ name: 'ollmchat-temp/llama3-16k:latest' }),
]

async function openChat(messages: ChatMessage[] = []) {
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: 'llama3:latest' }))
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
  fake.handle('conversations:list', () => ok({ conversations: [conversation] }))
  fake.handle('conversations:get', () => ok({ conversation, messages }))
  const app = await renderApp(fake)
  return { fake, app }
}

const user1 = makeMessage({ id: 'u1', conversationId: 'c1', role: 'user', content: 'Plan a trip' })
const streaming = makeMessage({ id: 'a1', conversationId: 'c1', role: 'assistant', status: 'streaming' })

describe('a streaming reply', () => {
  it('shows the honest progress text, then the Markdown text as deltas arrive, and a notice inline', async () => {
    const { fake, app } = await openChat()
    const reply = deferred<Result<ChatTurn>>()
    fake.handle('chat:send', () => reply.promise)
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Plan a trip{Enter}')
    await waitFor(() => expect(fake.callsTo('chat:send')).toHaveLength(1))
    const { requestId } = fake.callsTo('chat:send')[0]!
    expect(screen.getByText('Plan a trip')).toBeTruthy()

    app.emit('chat:started', {
      requestId,
      conversationId: 'c1',
      conversation,
      userMessage: user1,
      assistantMessage: streaming,
    })
    app.emit('chat:progress', {
      requestId,
      conversationId: 'c1',
      phase: 'preparing-model',
      text: 'Preparing llama3 with a 16K context…',
    })
    expect(screen.getAllByText('Preparing llama3 with a 16K context…').length).toBeGreaterThan(0)

    const notice = makeMessage({
      id: 'n1',
      conversationId: 'c1',
      role: 'notice',
      content: 'llama3 answered with its default context.',
    })
    app.emit('chat:notice', { requestId, conversationId: 'c1', message: notice })
    app.emit('chat:delta', { requestId, messageId: 'a1', content: '**Day 1**: ', thinking: '' })
    app.emit('chat:delta', { requestId, messageId: 'a1', content: 'Lisbon', thinking: '' })
    app.frame()
    expect(screen.getByText('Day 1').tagName).toBe('STRONG')
    expect(screen.queryByText('Preparing llama3 with a 16K context…', { selector: 'p' })).toBeNull()
    expect(screen.getByText('llama3 answered with its default context.')).toBeTruthy()

    reply.resolve(
      ok({
        conversation,
        userMessage: user1,
        assistantMessage: { ...streaming, status: 'complete', content: '**Day 1**: Lisbon' },
        notices: [notice],
      }),
    )
    await waitFor(() => expect(screen.getByRole('button', { name: 'Regenerate reply' })).toBeTruthy())
  })

  it('keeps a stopped reply with a "Stopped" mark', async () => {
    const stopped = { ...streaming, status: 'cancelled' as const, content: 'Half a plan' }
    await openChat([user1, stopped])
    expect(screen.getByText('Half a plan')).toBeTruthy()
    expect(screen.getByText('Stopped')).toBeTruthy()
  })

  it('shows a failed reply’s error under its partial text, with Retry regenerating it', async () => {
    const failed = {
      ...streaming,
      status: 'error' as const,
      content: 'Partial',
      error: { code: 'OLLAMA_STREAM_ERROR' as const, message: 'x', detail: 'model runner has unexpectedly stopped' },
    }
    const { fake, app } = await openChat([user1, failed])
    fake.handle('chat:regenerate', () => fail('OLLAMA_UNREACHABLE', 'down'))
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Ollama stopped with an error in the middle of the reply.')
    expect(alert.textContent).toContain('model runner has unexpectedly stopped')
    expect(screen.queryByRole('button', { name: 'Regenerate reply' }), 'one retry action per failed reply').toBeNull()
    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(fake.callsTo('chat:regenerate')).toEqual([{ requestId: anyString, conversationId: 'c1' }])
  })

  it('folds the thinking of a reasoning model and says how long it took', async () => {
    const { fake, app } = await openChat()
    fake.handle('chat:send', () => new Promise(() => undefined))
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Why?{Enter}')
    await waitFor(() => expect(fake.callsTo('chat:send')).toHaveLength(1))
    const { requestId } = fake.callsTo('chat:send')[0]!
    app.emit('chat:started', {
      requestId,
      conversationId: 'c1',
      conversation,
      userMessage: user1,
      assistantMessage: streaming,
    })
    app.emit('chat:delta', { requestId, messageId: 'a1', content: '', thinking: 'Let me think' })
    app.frame()
    const details = app.view.container.querySelector('details')
    expect(details?.open).toBe(false)
    expect(details?.querySelector('summary')?.textContent).toMatch(/^Thinking…/)
    app.emit('chat:delta', { requestId, messageId: 'a1', content: 'Because.', thinking: '' })
    app.frame()
    expect(details?.querySelector('summary')?.textContent).toMatch(/^Thought for \d+ seconds?$/)
  })

  it('renders the thoughts only while they are unfolded', async () => {
    const thought = makeMessage({
      id: 'a1',
      conversationId: 'c1',
      role: 'assistant',
      thinking: 'Let me *think*',
      content: 'Done.',
    })
    const { app } = await openChat([user1, thought])
    const details = app.view.container.querySelector('details')!
    expect(screen.queryByText('think')).toBeNull()
    await app.user.click(within(details).getByText('Thought process'))
    await waitFor(() => expect(screen.getByText('think').tagName).toBe('EM'))
    await app.user.click(within(details).getByText('Thought process'))
    await waitFor(() => expect(screen.queryByText('think')).toBeNull())
  })
})

describe('editing an earlier message', () => {
  it('sends a new version at once, saying the original stays', async () => {
    const later = [
      makeMessage({ id: 'a1', conversationId: 'c1', role: 'assistant', content: 'Sure' }),
      makeMessage({ id: 'u2', conversationId: 'c1', role: 'user', content: 'More' }),
      makeMessage({ id: 'a2', conversationId: 'c1', role: 'assistant', content: 'Ok' }),
    ]
    const { fake, app } = await openChat([user1, ...later])
    fake.handle('chat:editAndResend', () => new Promise(() => undefined))
    await app.user.click(screen.getAllByRole('button', { name: 'Edit and resend' })[0]!)
    const editor = screen.getByRole('textbox', { name: 'Edit message' })
    await app.user.clear(editor)
    await app.user.type(editor, 'Plan a short trip')
    expect(editor.getAttribute('aria-describedby')).not.toBeNull()
    expect(screen.getByText('Sends a new version; the original stays.')).toBeTruthy()
    await app.user.click(screen.getByRole('button', { name: 'Send' }))
    expect(fake.callsTo('chat:editAndResend')).toEqual([
      { requestId: anyString, conversationId: 'c1', messageId: 'u1', text: 'Plan a short trip' },
    ])
  })
})

describe('the header', () => {
  it('offers installed models only, each with its effective context, and saves a change', async () => {
    const { fake, app } = await openChat()
    fake.handle('conversations:update', (input) => ok({ ...conversation, model: input.model ?? null }))
    const picker = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' })
    const labels = [...picker.options].map((option) => option.textContent)
    expect(labels).toEqual(['llama3:latest — 16K · custom', 'qwen3:8b — 8K', 'mistral:latest — auto'])
    expect(picker.value).toBe('llama3:latest')
    await app.user.selectOptions(picker, 'qwen3:8b')
    expect(fake.callsTo('conversations:update')).toEqual([{ conversationId: 'c1', model: 'qwen3:8b' }])
    await waitFor(() => expect(picker.value).toBe('qwen3:8b'))
  })

  it('saves the conversation’s system prompt', async () => {
    const { fake, app } = await openChat()
    fake.handle('conversations:update', (input) => ok({ ...conversation, systemPrompt: input.systemPrompt ?? '' }))
    await app.user.click(screen.getByRole('button', { name: 'System prompt' }))
    const dialog = screen.getByRole('dialog', { name: 'System prompt' })
    await app.user.type(
      within(dialog).getByRole('textbox', { name: 'System prompt for this conversation' }),
      'Be brief.',
    )
    await app.user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(fake.callsTo('conversations:update')).toEqual([{ conversationId: 'c1', systemPrompt: 'Be brief.' }])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })
})

it('gives back the typed text when nothing could be sent', async () => {
  const { fake, app } = await openChat()
  fake.handle('chat:send', () => fail('MODEL_NOT_FOUND', 'gone'))
  const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' })
  await app.user.type(box, 'Hello{Enter}')
  await waitFor(() => expect(box.value).toBe('Hello'))
  expect(screen.getByRole('alert').textContent).toContain('Ollama does not have this model')
})

it('keeps the text when the first message of a new chat could not be sent', async () => {
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: 'llama3:latest' }))
  fake.handle('conversations:create', () => ok(conversation))
  fake.handle('conversations:get', () => ok({ conversation, messages: [] }))
  fake.handle('chat:send', () => fail('OLLAMA_UNREACHABLE', 'down'))
  const app = await renderApp(fake)
  await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}')
  await waitFor(() => expect(app.store.getState().activeConversationId).toBe('c1'))
  await waitFor(() => expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }).value).toBe('Hello'))
})

it('keeps unsent text while the person visits the Models and Settings pages', async () => {
  const { app } = await openChat()
  await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Half a thought')
  await app.user.click(screen.getByRole('button', { name: 'Models' }))
  await app.user.click(screen.getByRole('button', { name: 'Settings' }))
  await app.user.click(screen.getByRole('button', { name: 'Chats' }))
  expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }).value).toBe('Half a thought')
})

it('starts each conversation at its newest message, even after the reader scrolled up in another one', async () => {
  // jsdom lays nothing out: give every element a tall content in a short window.
  vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(1000)
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(100)
  const other = makeConversation({ id: 'c2', title: 'Other', model: 'llama3:latest' })
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: 'llama3:latest' }))
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
  fake.handle('conversations:list', () => ok({ conversations: [conversation, other] }))
  fake.handle('conversations:get', ({ conversationId }) =>
    ok({
      conversation: conversationId === 'c1' ? conversation : other,
      messages: [
        makeMessage({ id: `u-${conversationId}`, conversationId, role: 'user', content: `In ${conversationId}` }),
      ],
    }),
  )
  const app = await renderApp(fake)
  const first = screen.getByRole('region', { name: 'Messages' })
  expect(first.scrollTop).toBe(1000)
  first.scrollTop = 0
  fireEvent.scroll(first)

  await act(() => app.store.getState().openConversation('c2'))
  expect(screen.getByText('In c2')).toBeTruthy()
  expect(screen.getByRole('region', { name: 'Messages' }).scrollTop).toBe(1000)
})
