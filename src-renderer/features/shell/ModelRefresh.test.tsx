import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeConversation, makeModel } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'
import { renderApp } from '../../test-support/render-app'
import { MODEL_REFRESH_MS } from './use-model-refresh'

const llama = makeModel({ name: 'llama3:latest' })
const qwen = makeModel({ name: 'qwen3:8b', modelNumCtx: 8192 })
const embed = makeModel({ name: 'nomic-embed-text:latest', canChat: false, capabilities: ['embedding'] })

describe('refreshing the model list', () => {
  let visibility: DocumentVisibilityState = 'visible'

  beforeEach(() => {
    visibility = 'visible'
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
    // Only the interval is faked: promises and the app's other timers run as usual.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  })

  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    Reflect.deleteProperty(document, 'visibilityState')
  })

  const refreshes = (app: Awaited<ReturnType<typeof renderApp>>) => app.fake.callsTo('models:refresh').length
  const setVisibility = (state: DocumentVisibilityState) => {
    visibility = state
    act(() => void document.dispatchEvent(new Event('visibilitychange')))
  }

  it('asks every few seconds while visible, at once on focus and on coming back, never while hidden', async () => {
    const app = await renderApp()
    expect(refreshes(app)).toBe(0)
    await vi.advanceTimersByTimeAsync(MODEL_REFRESH_MS)
    expect(refreshes(app)).toBe(1)
    await vi.advanceTimersByTimeAsync(MODEL_REFRESH_MS)
    expect(refreshes(app)).toBe(2)

    act(() => void window.dispatchEvent(new Event('focus')))
    expect(refreshes(app)).toBe(3)

    setVisibility('hidden')
    await vi.advanceTimersByTimeAsync(MODEL_REFRESH_MS * 4)
    act(() => void window.dispatchEvent(new Event('focus')))
    expect(refreshes(app)).toBe(3)

    setVisibility('visible')
    expect(refreshes(app)).toBe(4)
    await vi.advanceTimersByTimeAsync(MODEL_REFRESH_MS)
    expect(refreshes(app)).toBe(5)
  })

  it('stops when the window’s app is unmounted', async () => {
    const app = await renderApp()
    app.view.unmount()
    await vi.advanceTimersByTimeAsync(MODEL_REFRESH_MS * 3)
    act(() => void window.dispatchEvent(new Event('focus')))
    expect(refreshes(app)).toBe(0)
  })
})

describe('a list that changes', () => {
  afterEach(cleanup)

  it('shows models:changed in the picker; a selected model that disappears shows as not installed', async () => {
    const app = await renderOpenChat({ models: [llama] })
    const picker = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' })
    app.emit('models:changed', { models: [llama, qwen], defaultModel: 'llama3:latest' })
    expect([...picker.options].map((option) => option.textContent)).toEqual(['llama3:latest — auto', 'qwen3:8b — 8K'])
    app.emit('models:changed', { models: [qwen], defaultModel: 'qwen3:8b' })
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      'llama3:latest (not installed)',
      'qwen3:8b — 8K',
    ])
    expect(picker.value).toBe('llama3:latest')
  })

  it('starts a new chat with the core’s default and lets the core pick it on the first message', async () => {
    const fake = createFakeBridge()
    fake.handle('models:list', () => ok({ models: [llama, qwen], defaultModel: 'qwen3:8b' }))
    fake.handle('conversations:create', () => ok(makeConversation({ id: 'c9', model: 'qwen3:8b' })))
    fake.handle('chat:send', () => new Promise(() => undefined))
    const app = await renderApp(fake)
    const picker = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' })
    expect(picker.value).toBe('qwen3:8b')
    app.emit('models:changed', { models: [llama, qwen], defaultModel: 'llama3:latest' })
    expect(picker.value).toBe('llama3:latest')
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}')
    expect(fake.callsTo('conversations:create')).toEqual([{ model: null }])
  })

  it('creates the chat with the model the person picked', async () => {
    const fake = createFakeBridge()
    fake.handle('models:list', () => ok({ models: [llama, qwen], defaultModel: 'llama3:latest' }))
    fake.handle('conversations:create', () => ok(makeConversation({ id: 'c9', model: 'qwen3:8b' })))
    fake.handle('chat:send', () => new Promise(() => undefined))
    const app = await renderApp(fake)
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'qwen3:8b')
    await app.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}')
    expect(fake.callsTo('conversations:create')).toEqual([{ model: 'qwen3:8b' }])
  })
})

describe('only models that can chat are offered', () => {
  afterEach(cleanup)

  it('in the conversation’s picker', async () => {
    await renderOpenChat({ models: [llama, embed] })
    const picker = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' })
    expect([...picker.options].map((option) => option.value)).toEqual(['llama3:latest'])
  })

  it('and a new chat says so when Ollama has only embedding models', async () => {
    const fake = createFakeBridge()
    fake.handle('models:list', () => ok({ models: [embed], defaultModel: null }))
    await renderApp(fake)
    expect(screen.getByRole('heading', { name: 'No chat models installed yet' })).toBeTruthy()
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' }).disabled).toBe(true)
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send message' }).disabled).toBe(true)
  })

  it('in the Settings default, where a default that cannot chat says so', async () => {
    const fake = createFakeBridge()
    fake.handle('models:list', () => ok({ models: [llama, embed], defaultModel: 'llama3:latest' }))
    fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, defaultModel: 'nomic-embed-text:latest' }))
    const app = await renderApp(fake)
    await app.user.click(screen.getByRole('button', { name: 'Settings' }))
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Default model' })
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'The first installed model that can chat',
      'nomic-embed-text:latest (cannot chat)',
      'llama3:latest',
    ])
  })
})
