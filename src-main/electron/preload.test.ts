import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Bridge } from '../../src-shared/ipc/bridge'
import { CHANNELS } from '../../src-shared/ipc/contract'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as { channel: string; args: unknown[] }[],
    listeners,
    emit(channel: string, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, payload)
    },
  }
})

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args })
      return Promise.resolve({ ok: true, value: { from: channel } })
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set()
      set.add(listener)
      electron.listeners.set(channel, set)
    },
    off: (channel: string, listener: (...args: unknown[]) => void) => {
      electron.listeners.get(channel)?.delete(listener)
    },
  },
}))

let bridge: Bridge

beforeAll(async () => {
  await import('./preload')
  bridge = electron.exposed.get('ollmchat') as Bridge
})

describe('preload', () => {
  it('exposes exactly one global, ollmchat', () => {
    expect([...electron.exposed.keys()]).toEqual(['ollmchat'])
  })

  it('exposes one function per channel plus on and onReconnect, and nothing else', () => {
    // onReconnect is a no-op over Electron's IPC (no gap to recover from), present so the window needs no branch.
    expect(Object.keys(bridge).sort()).toEqual([...CHANNELS, 'on', 'onReconnect'].sort())
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
    expect(bridge).not.toHaveProperty('invoke')
    expect(bridge).not.toHaveProperty('ipcRenderer')
  })

  it('calls ipcRenderer.invoke with the channel and the single input object', async () => {
    electron.invoked.length = 0
    const result = await bridge['models:setNumCtx']({ model: 'llama3.2', numCtx: 8192 })
    expect(electron.invoked).toEqual([{ channel: 'models:setNumCtx', args: [{ model: 'llama3.2', numCtx: 8192 }] }])
    expect(result).toEqual({ ok: true, value: { from: 'models:setNumCtx' } })
  })

  it('relays events without Electron’s event object, and unsubscribes', () => {
    const seen: unknown[] = []
    const off = bridge.on('settings:theme', (payload) => seen.push(payload))
    electron.emit('settings:theme', { theme: 'dark' })
    off()
    electron.emit('settings:theme', { theme: 'light' })
    expect(seen).toEqual([{ theme: 'dark' }])
    expect(electron.listeners.get('settings:theme')?.size).toBe(0)
  })

  it('refuses to subscribe to a name that is not a contract event', () => {
    const subscribe = (event: string) => bridge.on(event as 'settings:theme', () => {})
    expect(() => subscribe('electron-store-get-data')).toThrow(/unknown event/)
    expect(electron.listeners.has('electron-store-get-data')).toBe(false)
  })
})
