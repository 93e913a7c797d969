import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../../src-shared/types'
import { createFakeBridge } from '../../test-support/fake-bridge'
import { makeConversation } from '../../test-support/fixtures'
import { renderApp } from '../../test-support/render-app'
import { createAppStore } from '../../store/app-store'
import { bootApp } from '../../store/boot'
import { connectMenuCommands } from './menu-commands'

afterEach(() => cleanup())

/** The whole window with one conversation open, and the desktop menu's commands connected as main.tsx does. */
async function windowWithConversation() {
  const fake = createFakeBridge()
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
  fake.handle('conversations:list', () => ok({ conversations: [makeConversation({ id: 'c1', title: 'Old chat' })] }))
  fake.handle('conversations:get', () =>
    ok({ conversation: makeConversation({ id: 'c1', title: 'Old chat' }), messages: [] }),
  )
  const app = await renderApp(fake)
  const disconnect = connectMenuCommands(app.store, fake.bridge)
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Old chat')
  return { app, disconnect }
}

const heading = () => screen.getByRole('heading', { level: 1 }).textContent

describe('the desktop menu', () => {
  it('New chat leaves the open conversation for an empty new chat', async () => {
    const { app } = await windowWithConversation()
    app.emit('app:menuCommand', { command: 'newChat' })
    expect(heading()).toBe('New chat')
    expect(app.store.getState().activeConversationId).toBeNull()
  })

  it('Search focuses the search field', async () => {
    const { app } = await windowWithConversation()
    app.emit('app:menuCommand', { command: 'search' })
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search all conversations' }))
  })

  it('Settings opens the Settings page', async () => {
    const { app } = await windowWithConversation()
    app.emit('app:menuCommand', { command: 'settings' })
    expect(heading()).toBe('Settings')
  })

  it('stops reaching the window once disconnected', async () => {
    const { app, disconnect } = await windowWithConversation()
    disconnect()
    expect(app.fake.listenerCount('app:menuCommand')).toBe(0)
    act(() => app.fake.emit('app:menuCommand', { command: 'settings' }))
    expect(heading()).toBe('Old chat')
  })
})

it('Ctrl+, and Cmd+, open the Settings page, as on every desktop app', async () => {
  const { app } = await windowWithConversation()
  await app.user.keyboard('{Control>},{/Control}')
  expect(heading()).toBe('Settings')
  act(() => app.store.getState().setPage('chat'))
  expect(heading()).toBe('Old chat')
  await app.user.keyboard('{Meta>},{/Meta}')
  expect(heading()).toBe('Settings')
})

it('a menu command sent while the window is starting (a window the menu just opened) runs once start-up is done', async () => {
  const fake = createFakeBridge()
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: 'c1' }))
  fake.handle('conversations:list', () => ok({ conversations: [makeConversation({ id: 'c1', title: 'Old chat' })] }))
  fake.handle('conversations:get', () =>
    ok({ conversation: makeConversation({ id: 'c1', title: 'Old chat' }), messages: [] }),
  )
  const store = createAppStore(fake.bridge)
  const booting = bootApp(store)
  connectMenuCommands(store, fake.bridge, booting)
  fake.emit('app:menuCommand', { command: 'newChat' })
  await booting
  // Start-up reopened the last conversation first; the command came after it, as the person meant.
  expect(store.getState().activeConversationId).toBeNull()
})

it('a start-up that fails still lets the menu work: the commands sent meanwhile and after it run', async () => {
  const fake = createFakeBridge()
  const store = createAppStore(fake.bridge)
  const failing = Promise.reject(new Error('start-up broke'))
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  connectMenuCommands(store, fake.bridge, failing)
  fake.emit('app:menuCommand', { command: 'settings' })
  await failing.catch(() => undefined)
  await Promise.resolve()
  expect(store.getState().page).toBe('settings')
  act(() => store.getState().setPage('chat'))
  fake.emit('app:menuCommand', { command: 'settings' })
  expect(store.getState().page).toBe('settings')
  // The failure is reported, not swallowed.
  expect(consoleError).toHaveBeenCalledWith('ollmchat: start-up failed', expect.any(Error))
  consoleError.mockRestore()
})
