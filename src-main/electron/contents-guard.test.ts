import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { FakeSession, FakeWebContents, preventableEvent } from '../test-support/fake-electron'
import { FakeShell } from '../test-support/fake-electron-app'
import { guardWebContents, isPermissionGranted } from './contents-guard'

const APP_URL = 'app://ollmchat/index.html'

function setup(options: { session?: FakeSession } = {}) {
  const contents = new FakeWebContents()
  const shell = new FakeShell()
  const log = createMemoryLogger()
  guardWebContents(contents, { shell, log, appUrl: APP_URL, ...(options.session ? { session: options.session } : {}) })
  return { contents, shell, log, session: options.session ?? contents.session }
}

describe('guardWebContents: navigation', () => {
  it('refuses to attach any webview', () => {
    const { contents } = setup()
    const event = preventableEvent()
    expect(contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' })).toBe(1)
    expect(event.defaultPrevented).toBe(true)
  })

  it('blocks every navigation and hands only safe links to the OS', () => {
    const { contents, shell } = setup()
    const urls = ['https://ollama.com/library', 'javascript:alert(1)', 'file:///etc/passwd', APP_URL]
    const events = urls.map((url) => {
      const event = preventableEvent()
      contents.emit('will-navigate', event, url)
      return event
    })
    expect(events.every((e) => e.defaultPrevented)).toBe(true)
    expect(shell.opened).toEqual(['https://ollama.com/library'])
  })

  it('blocks every redirect without opening anything', () => {
    const { contents, shell } = setup()
    const event = preventableEvent()
    contents.emit('will-redirect', event, 'https://evil.example/')
    expect(event.defaultPrevented).toBe(true)
    expect(shell.opened).toEqual([])
  })

  it('denies every window.open and opens only http(s) and mailto links externally', () => {
    const { contents, shell, log } = setup()
    const handler = contents.windowOpenHandler
    if (!handler) throw new Error('no window-open handler')
    const urls = [
      'https://example.org/a?b=c',
      'http://127.0.0.1:11434/',
      'mailto:someone@example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ms-settings:privacy',
      'not a url',
    ]
    expect(urls.map((url) => handler({ url }))).toEqual(urls.map(() => ({ action: 'deny' })))
    expect(shell.opened).toEqual(['https://example.org/a?b=c', 'http://127.0.0.1:11434/', 'mailto:someone@example.org'])
    expect(log.lines.filter((l) => l.message === 'refused to open a link')).toHaveLength(4)
  })
})

describe('guardWebContents: permissions', () => {
  it('denies permission requests, except clipboard writes from the app page', async () => {
    const { session } = setup()
    expect(await session.request('media', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('notifications', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('geolocation', { requestingUrl: APP_URL })).toBe(false)
    expect(await session.request('clipboard-sanitized-write', { requestingUrl: `${APP_URL}#/chat` })).toBe(true)
    expect(await session.request('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' })).toBe(false)
    expect(await session.request('clipboard-sanitized-write', {})).toBe(false)
  })

  it('answers permission checks with the same policy, by the frame URL or else its origin', () => {
    const { session } = setup()
    for (const permission of ['media', 'hid', 'serial', 'usb', 'notifications', 'clipboard-read', 'fileSystem']) {
      expect(session.check(permission, 'app://ollmchat', { requestingUrl: APP_URL })).toBe(false)
    }
    expect(session.check('clipboard-sanitized-write', 'app://ollmchat', { requestingUrl: APP_URL })).toBe(true)
    expect(session.check('clipboard-sanitized-write', 'app://ollmchat')).toBe(true)
    expect(session.check('clipboard-sanitized-write', 'https://evil.example')).toBe(false)
    expect(session.check('clipboard-sanitized-write', 'file:///')).toBe(false)
  })

  it('denies every device (HID, serial, USB) without asking', () => {
    const { session } = setup()
    expect(session.deviceAllowed({ deviceType: 'hid', origin: 'app://ollmchat', device: {} })).toBe(false)
    expect(session.deviceAllowed({ deviceType: 'usb', origin: 'app://ollmchat', device: {} })).toBe(false)
  })

  it('guards an injected session instead of the contents’ own when given one', async () => {
    const session = new FakeSession()
    const { contents } = setup({ session })
    expect(contents.session.permissionHandler).toBeUndefined()
    expect(await session.request('media', { requestingUrl: APP_URL })).toBe(false)
    expect(session.check('media', 'app://ollmchat', { requestingUrl: APP_URL })).toBe(false)
  })

  it('grants nothing but clipboard writes from the app', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', APP_URL, APP_URL)).toBe(true)
    expect(isPermissionGranted('clipboard-read', APP_URL, APP_URL)).toBe(false)
    expect(isPermissionGranted('openExternal', APP_URL, APP_URL)).toBe(false)
  })
})
