import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src-shared/ipc/contract'
import { fail } from '../../src-shared/ipc/result'
import { createMemoryLogger } from '../core/log'
import { createFakeCore } from '../test-support/fake-core'
import { FakeWebContents, FakeWindow } from '../test-support/fake-electron'
import { FakeIpcMain } from '../test-support/fake-electron-app'
import { connectIpc, isTrustedSender } from './ipc-bridge'

const APP_URL = 'app://ollmchat/index.html'

function setup() {
  const ipcMain = new FakeIpcMain()
  const core = createFakeCore()
  const window = new FakeWindow({})
  const log = createMemoryLogger()
  const disconnect = connectIpc(ipcMain, core, window, APP_URL, log)
  const trusted = { sender: window.webContents, senderFrame: { url: `${APP_URL}#/chat` } }
  return { ipcMain, core, window, log, disconnect, trusted }
}

describe('connectIpc', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipcMain } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    expect(ipcMain.handlers.size).toBe(CHANNELS.length)
  })

  it('passes a trusted call with its input to core.dispatch and returns its result', async () => {
    const { ipcMain, core, trusted } = setup()
    const input = { conversationId: 'c1' }
    const result = await ipcMain.invoke('conversations:get', trusted, input)
    expect(core.dispatched).toEqual([{ channel: 'conversations:get', input }])
    expect(result).toEqual({ ok: true, value: { echo: 'conversations:get' } })
  })

  it('refuses a call from another webContents without dispatching', async () => {
    const { ipcMain, core, log, trusted } = setup()
    const foreign = { ...trusted, sender: new FakeWebContents() }
    const result = await ipcMain.invoke('models:list', foreign, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.dispatched).toEqual([])
    const refusal = log.lines.find((line) => line.level === 'warn')
    expect(refusal?.fields).toMatchObject({ channel: 'models:list' })
  })

  it.each([
    ['a web page', 'https://evil.example/index.html'],
    ['a local file', 'file:///tmp/evil.html'],
    ['the built page as a file', 'file:///opt/ollmchat/out/renderer/index.html'],
    ['a lookalike host', 'app://ollmchat.evil/index.html'],
    ['no frame url', ''],
  ])('refuses a call from %s in the right webContents', async (_name, url) => {
    const { ipcMain, core, window } = setup()
    const result = await ipcMain.invoke('settings:get', { sender: window.webContents, senderFrame: { url } }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.dispatched).toEqual([])
  })

  it('refuses a call whose sender frame is gone', async () => {
    const { ipcMain, core, window } = setup()
    const result = await ipcMain.invoke('settings:get', { sender: window.webContents, senderFrame: null }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.dispatched).toEqual([])
  })

  it('returns a dispatch failure as it is', async () => {
    const ipcMain = new FakeIpcMain()
    const core = createFakeCore({ dispatch: () => Promise.resolve(fail('NOT_FOUND', 'No such conversation.')) })
    const window = new FakeWindow({})
    connectIpc(ipcMain, core, window, APP_URL, createMemoryLogger())
    const result = await ipcMain.invoke(
      'conversations:get',
      { sender: window.webContents, senderFrame: { url: APP_URL } },
      {},
    )
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such conversation.' } })
  })

  it('turns a dispatch that throws into an INTERNAL result instead of a rejection', async () => {
    const ipcMain = new FakeIpcMain()
    const core = createFakeCore({ dispatch: () => Promise.reject(new Error('boom')) })
    const window = new FakeWindow({})
    const log = createMemoryLogger()
    connectIpc(ipcMain, core, window, APP_URL, log)
    const result = await ipcMain.invoke(
      'conversations:list',
      { sender: window.webContents, senderFrame: { url: APP_URL } },
      {},
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('boom')
    expect(log.lines.some((l) => l.level === 'error')).toBe(true)
  })

  it('forwards every core event to the window with its payload', () => {
    const { core, window } = setup()
    core.events.emit('settings:theme', { theme: 'dark' })
    core.events.emit('chat:delta', { requestId: 'r1', messageId: 'm1', content: 'Hi', thinking: '' })
    expect(window.webContents.sent).toEqual([
      { channel: 'settings:theme', args: [{ theme: 'dark' }] },
      { channel: 'chat:delta', args: [{ requestId: 'r1', messageId: 'm1', content: 'Hi', thinking: '' }] },
    ])
  })

  it('does not send to a destroyed window', () => {
    const { core, window } = setup()
    window.destroyed = true
    window.webContents.destroyed = true
    expect(() => core.events.emit('settings:theme', { theme: 'light' })).not.toThrow()
    expect(window.webContents.sent).toEqual([])
  })

  it('disconnect removes every handler and stops forwarding, and can be called twice', () => {
    const { ipcMain, core, window, disconnect } = setup()
    disconnect()
    disconnect()
    expect(ipcMain.handlers.size).toBe(0)
    core.events.emit('settings:theme', { theme: 'dark' })
    expect(window.webContents.sent).toEqual([])
    expect(() => connectIpc(ipcMain, core, window, APP_URL, createMemoryLogger())).not.toThrow()
  })
})

describe('isTrustedSender', () => {
  it('accepts the dev server origin on any path when the app runs from it', () => {
    const window = new FakeWindow({})
    const event = { sender: window.webContents, senderFrame: { url: 'http://localhost:5173/index.html?x=1' } }
    expect(isTrustedSender(event, window, 'http://localhost:5173')).toBe(true)
    expect(
      isTrustedSender({ ...event, senderFrame: { url: 'http://localhost:5174/' } }, window, 'http://localhost:5173'),
    ).toBe(false)
  })

  it('rejects every sender once the window is destroyed', () => {
    const window = new FakeWindow({})
    window.destroyed = true
    expect(isTrustedSender({ sender: window.webContents, senderFrame: { url: APP_URL } }, window, APP_URL)).toBe(false)
  })
})
