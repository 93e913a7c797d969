import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../src-shared/types'
import { createFakeBridge } from './test-support/fake-bridge'
import { makeConversation, makeMessage, makeModel, makeStatus } from './test-support/fixtures'
import { renderApp } from './test-support/render-app'

afterEach(() => {
  cleanup()
  delete document.documentElement.dataset.theme
})

const llama = makeModel({ name: 'llama3:latest' })

describe('when Ollama cannot be reached', () => {
  it('shows a banner with the host and how to start Ollama, which leaves by itself when Ollama is back', async () => {
    const fake = createFakeBridge()
    fake.handle('ollama:getStatus', () => ok(makeStatus('unreachable', 'http://10.0.0.5:11434')))
    fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
    const app = await renderApp(fake)
    const banner = screen.getByRole('alert')
    expect(banner.textContent).toContain('http://10.0.0.5:11434')
    expect(banner.textContent).toContain('Start the Ollama app, or run ollama serve in a terminal.')

    app.emit('ollama:status', makeStatus('reachable', 'http://10.0.0.5:11434'))
    expect(screen.queryByRole('alert')).toBeNull()
    await waitFor(() => expect(fake.callsTo('models:list')).toHaveLength(2))
  })

  it('fills an empty new chat with the offline screen, whose Try again checks now', async () => {
    const fake = createFakeBridge()
    fake.handle('ollama:getStatus', () => ok(makeStatus('unreachable')))
    fake.handle('ollama:checkNow', () => ok(makeStatus('reachable')))
    const app = await renderApp(fake)
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull()
    await app.user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(fake.callsTo('ollama:checkNow')).toHaveLength(1)
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })
})

it('labels a simulated Ollama in the window', async () => {
  const fake = createFakeBridge()
  fake.handle('app:getInfo', () =>
    ok({ version: '0.1.0', mode: 'browser', simulatedOllama: true, dataDir: '/d', secretsEncrypted: false }),
  )
  await renderApp(fake)
  expect(screen.getByText('Simulated Ollama')).toBeTruthy()
})

describe('theme', () => {
  it('follows the system by default and a pinned theme when the settings say so', async () => {
    const fake = createFakeBridge()
    const app = await renderApp(fake)
    expect(document.documentElement.dataset.theme).toBeUndefined()
    app.emit('settings:theme', { theme: 'dark' })
    expect(document.documentElement.dataset.theme).toBe('dark')
    app.emit('settings:theme', { theme: 'system' })
    expect(document.documentElement.dataset.theme).toBeUndefined()
  })

  it('is chosen on the Settings page and saved', async () => {
    const fake = createFakeBridge()
    fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, theme: 'light' }))
    const app = await renderApp(fake)
    expect(document.documentElement.dataset.theme).toBe('light')
    await app.user.click(screen.getByRole('button', { name: 'Settings' }))
    await app.user.click(screen.getByRole('radio', { name: 'Dark' }))
    expect(fake.callsTo('settings:update')).toContainEqual({ theme: 'dark' })
    expect(document.documentElement.dataset.theme).toBe('dark')
  })
})

describe('keyboard shortcuts', () => {
  async function withConversation() {
    const fake = createFakeBridge()
    fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
    fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
    fake.handle('conversations:list', () => ok({ conversations: [makeConversation({ id: 'c1', title: 'Old chat' })] }))
    fake.handle('conversations:get', () =>
      ok({ conversation: makeConversation({ id: 'c1', title: 'Old chat' }), messages: [] }),
    )
    return { fake, app: await renderApp(fake) }
  }

  it('Ctrl+K focuses the search and Ctrl+N starts a new chat', async () => {
    const { app } = await withConversation()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Old chat')
    await app.user.keyboard('{Control>}k{/Control}')
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search all conversations' }))
    await app.user.keyboard('{Control>}n{/Control}')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New chat')
    expect(app.store.getState().activeConversationId).toBeNull()
  })

  it('Ctrl+Shift+O also starts a new chat (browsers keep Ctrl+N for themselves)', async () => {
    const { app } = await withConversation()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Old chat')
    await app.user.keyboard('{Control>}{Shift>}o{/Shift}{/Control}')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New chat')
  })

  it('Enter sends, Shift+Enter adds a line, Esc stops the reply', async () => {
    const { fake, app } = await withConversation()
    fake.handle('chat:send', () => new Promise(() => undefined))
    fake.handle('chat:cancel', () => ok({ cancelled: true }))
    const box = screen.getByRole('textbox', { name: 'Message' })
    await app.user.click(box)
    await app.user.keyboard('first line{Shift>}{Enter}{/Shift}second line')
    expect((box as HTMLTextAreaElement).value).toBe('first line\nsecond line')
    expect(fake.callsTo('chat:send')).toHaveLength(0)
    await app.user.keyboard('{Enter}')
    await waitFor(() => expect(fake.callsTo('chat:send')).toHaveLength(1))
    expect(fake.callsTo('chat:send')[0]?.text).toBe('first line\nsecond line')
    expect((box as HTMLTextAreaElement).value).toBe('')
    expect(screen.getByRole('button', { name: 'Stop reply (Esc)' })).toBeTruthy()
    await app.user.keyboard('{Escape}')
    await waitFor(() => expect(fake.callsTo('chat:cancel')).toHaveLength(1))
    expect(fake.callsTo('chat:cancel')[0]).toEqual({ requestId: fake.callsTo('chat:send')[0]?.requestId })
  })

  it('Send is disabled while the message is empty or no model is picked', async () => {
    const fake = createFakeBridge()
    const app = await renderApp(fake)
    const send = screen.getByRole('button', { name: 'Send message' })
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'hello')
    expect((send as HTMLButtonElement).disabled).toBe(true)
    act(() => app.store.setState({ models: [llama], draft: { model: 'llama3:latest', systemPrompt: '' } }))
    expect((send as HTMLButtonElement).disabled).toBe(false)
    await app.user.clear(screen.getByRole('textbox', { name: 'Message' }))
    expect((send as HTMLButtonElement).disabled).toBe(true)
  })
})

it('shows a message saved while the app was closing as interrupted', async () => {
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models: [llama], defaultModel: 'llama3:latest' }))
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
  fake.handle('conversations:list', () => ok({ conversations: [makeConversation({ id: 'c1' })] }))
  fake.handle('conversations:get', () =>
    ok({
      conversation: makeConversation({ id: 'c1' }),
      messages: [
        makeMessage({ id: 'a1', conversationId: 'c1', role: 'assistant', content: 'Half', status: 'interrupted' }),
      ],
    }),
  )
  await renderApp(fake)
  expect(screen.getByText('ollmchat closed before this reply was finished.')).toBeTruthy()
})
