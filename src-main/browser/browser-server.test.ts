import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel } from '../../src-shared/ipc/contract'
import { ok } from '../../src-shared/ipc/result'
import type { Core } from '../core/core-types'
import { createCoreEvents } from '../core/events'
import { silentLogger } from '../core/log'
import { MAX_IMAGE_BASE64_CHARS } from '../../src-shared/image-rule'
import { MAX_IMAGES_PER_MESSAGE } from '../../src-shared/limits'
import { bodyLimitOf, startBrowserServer, type BrowserServer } from './browser-server'
import { sessionCookieName } from './session-auth'
import { recordRefusal } from '../test-support/reliability-checks'

const TOKEN = 'test-token-0123456789'

/** A stand-in core that echoes what it was asked, so the tests see exactly what crossed the transport. */
function echoCore(): Core & { calls: { channel: Channel; input: unknown }[] } {
  const calls: { channel: Channel; input: unknown }[] = []
  return {
    calls,
    events: createCoreEvents(),
    dispatch: async (channel, input) => {
      calls.push({ channel, input })
      return ok({ echoed: input }) as never
    },
    open: () => {},
    start: () => {},
    stop: async () => {},
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP so the tests control Host, Origin and Cookie headers exactly (fetch forbids setting some). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

describe('startBrowserServer', () => {
  let server: BrowserServer
  let core: ReturnType<typeof echoCore>
  let rendererDir: string
  // The cookie name carries the port, which is known only once the server listens.
  let cookie: { cookie: string }
  let rpcHeaders: Record<string, string>

  beforeEach(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'ollmchat-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ollmchat</title>')
    writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret')
    core = echoCore()
    server = await startBrowserServer({ core, rendererDir, token: TOKEN, log: silentLogger })
    cookie = { cookie: `${sessionCookieName(server.port)}=${TOKEN}` }
    rpcHeaders = { ...cookie, 'x-ollmchat': '1', 'content-type': 'application/json' }
  })
  afterEach(() => server.close())

  it('listens on loopback only and prints a URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`)
  })

  it('refuses every request without the session cookie', async () => {
    recordRefusal('session', 3)
    expect((await raw(server.port, { path: '/' })).status).toBe(403)
    expect(
      (
        await raw(server.port, {
          method: 'POST',
          path: '/rpc/conversations:list',
          headers: { 'x-ollmchat': '1' },
          body: '{}',
        })
      ).status,
    ).toBe(403)
    expect((await raw(server.port, { path: '/events' })).status).toBe(403)
    expect(core.calls).toEqual([])
  })

  it('exchanges the right token for an HttpOnly SameSite cookie and refuses a wrong one', async () => {
    recordRefusal('session')
    const good = await raw(server.port, { path: `/?token=${TOKEN}` })
    expect(good.status).toBe(303)
    expect(good.headers.location).toBe('/')
    expect(String(good.headers['set-cookie'])).toMatch(
      new RegExp(`^ollmchat_session_${server.port}=.+; HttpOnly; SameSite=Strict`),
    )
    expect((await raw(server.port, { path: '/?token=wrong' })).status).toBe(403)
  })

  it('serves the renderer with security headers once authorised', async () => {
    const page = await raw(server.port, { path: '/', headers: cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>ollmchat</title>')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY')
  })

  it('hands page requests to a page server (the dev server) only behind the session, and keeps /rpc its own', async () => {
    const pages: string[] = []
    const dev = await startBrowserServer({
      core,
      rendererDir,
      token: TOKEN,
      log: silentLogger,
      servePage: (request, response) => {
        pages.push(request.url ?? '')
        response.end('from the dev server')
      },
    })
    try {
      const devCookie = { cookie: `${sessionCookieName(dev.port)}=${TOKEN}` }
      expect((await raw(dev.port, { path: '/@vite/client' })).status).toBe(403)
      expect((await raw(dev.port, { path: '/@vite/client', headers: devCookie })).body).toBe('from the dev server')
      const rpc = await raw(dev.port, {
        method: 'POST',
        path: '/rpc/conversations:list',
        headers: { ...devCookie, 'x-ollmchat': '1' },
        body: '{}',
      })
      expect(JSON.parse(rpc.body)).toEqual({ ok: true, value: { echoed: {} } })
      expect(pages).toEqual(['/@vite/client'])
    } finally {
      await dev.close()
    }
  })

  it('never serves files outside the renderer folder', async () => {
    recordRefusal('traversal')
    const climb = await raw(server.port, { path: '/..%2foutside-secret.txt', headers: cookie })
    expect(climb.status).toBe(404)
    expect(climb.body).not.toContain('secret')
  })

  it('relays RPC calls to core.dispatch and returns the Result as JSON', async () => {
    const response = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:get',
      headers: rpcHeaders,
      body: '{"conversationId":"abc"}',
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { echoed: { conversationId: 'abc' } } })
    expect(core.calls).toEqual([{ channel: 'conversations:get', input: { conversationId: 'abc' } }])
  })

  it('refuses RPC without the custom header, from another origin or Host, to unknown channels, or with bad bodies', async () => {
    recordRefusal('custom-header')
    recordRefusal('origin')
    recordRefusal('host')
    recordRefusal('bad-rpc', 2)
    recordRefusal('body-limit')
    const noHeader = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:list',
      headers: cookie,
      body: '{}',
    })
    const foreignOrigin = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:list',
      headers: { ...rpcHeaders, origin: 'http://evil.example' },
      body: '{}',
    })
    const rebinding = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:list',
      headers: { ...rpcHeaders, host: `evil.example:${server.port}` },
      body: '{}',
    })
    const unknown = await raw(server.port, {
      method: 'POST',
      path: '/rpc/fs:readFile',
      headers: rpcHeaders,
      body: '{}',
    })
    const badJson = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:list',
      headers: rpcHeaders,
      body: '{nope',
    })
    const huge = await raw(server.port, {
      method: 'POST',
      path: '/rpc/conversations:list',
      headers: rpcHeaders,
      body: `"${'x'.repeat(3 * 1024 * 1024)}"`,
    })
    expect([
      noHeader.status,
      foreignOrigin.status,
      rebinding.status,
      unknown.status,
      badJson.status,
      huge.status,
    ]).toEqual([403, 403, 403, 404, 400, 413])
    expect(core.calls).toEqual([])
  })

  it('takes a chat:send large enough for the images of a message, bounded, while every other request stays at 2 MB', async () => {
    const images = [`${'A'.repeat(3 * 1024 * 1024)}`]
    const body = JSON.stringify({ requestId: 'r', conversationId: 'c', text: 'Look', images })
    const send = await raw(server.port, { method: 'POST', path: '/rpc/chat:send', headers: rpcHeaders, body })
    const list = await raw(server.port, { method: 'POST', path: '/rpc/conversations:list', headers: rpcHeaders, body })
    expect([send.status, list.status]).toEqual([200, 413])
    const largestSend = JSON.stringify({
      requestId: 'r'.repeat(128),
      conversationId: 'c'.repeat(128),
      text: 'x'.repeat(200_000),
      images: Array.from({ length: MAX_IMAGES_PER_MESSAGE }, () => 'A'.repeat(MAX_IMAGE_BASE64_CHARS)),
    })
    expect(bodyLimitOf('chat:send')).toBeGreaterThanOrEqual(largestSend.length)
    expect(bodyLimitOf('chat:send')).toBeLessThan(120 * 1024 * 1024)
    expect(bodyLimitOf('conversations:list')).toBe(2 * 1024 * 1024)
  })

  it('names its cookie after its port, so two servers on 127.0.0.1 keep separate sessions in one browser', async () => {
    const otherToken = 'other-token-9876543210'
    const other = await startBrowserServer({ core: echoCore(), rendererDir, token: otherToken, log: silentLogger })
    const cookieNameSetBy = async (port: number, token: string) =>
      String((await raw(port, { path: `/?token=${token}` })).headers['set-cookie']).split('=')[0]
    try {
      const names = [await cookieNameSetBy(server.port, TOKEN), await cookieNameSetBy(other.port, otherToken)]
      expect(names).toEqual([`ollmchat_session_${server.port}`, `ollmchat_session_${other.port}`])
      // A browser sends every 127.0.0.1 cookie to both ports; each server picks its own.
      const both = { cookie: `${names[0]}=${TOKEN}; ${names[1]}=${otherToken}` }
      expect((await raw(server.port, { path: '/', headers: both })).status).toBe(200)
      expect((await raw(other.port, { path: '/', headers: both })).status).toBe(200)
      expect((await raw(other.port, { path: '/', headers: cookie })).status).toBe(403)
    } finally {
      await other.close()
    }
  })

  it('refuses a cookie with broken percent-encoding instead of failing with a 500', async () => {
    recordRefusal('session')
    const broken = await raw(server.port, {
      path: '/',
      headers: { cookie: `${sessionCookieName(server.port)}=%E0%A4%A` },
    })
    expect(broken.status).toBe(403)
  })

  it('answers every refused RPC call with a Result body the transport can read', async () => {
    recordRefusal('session')
    recordRefusal('custom-header')
    recordRefusal('host')
    recordRefusal('bad-rpc', 2)
    const { cookie: _cookie, ...noCookie } = rpcHeaders
    const refusals = await Promise.all([
      raw(server.port, { method: 'POST', path: '/rpc/conversations:list', headers: noCookie, body: '{}' }),
      raw(server.port, { method: 'POST', path: '/rpc/conversations:list', headers: cookie, body: '{}' }),
      raw(server.port, {
        method: 'POST',
        path: '/rpc/conversations:list',
        headers: { ...rpcHeaders, host: `evil.example:${server.port}` },
        body: '{}',
      }),
      raw(server.port, { method: 'POST', path: '/rpc/fs:readFile', headers: rpcHeaders, body: '{}' }),
      raw(server.port, { method: 'POST', path: '/rpc/conversations:list', headers: rpcHeaders, body: '{nope' }),
    ])
    expect(refusals.map((r) => r.headers['content-type'])).toEqual(Array(5).fill('application/json; charset=utf-8'))
    const bodies = refusals.map((r) => JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string } })
    expect(bodies.map((b) => [b.ok, b.error.code])).toEqual([
      [false, 'FORBIDDEN'],
      [false, 'FORBIDDEN'],
      [false, 'FORBIDDEN'],
      [false, 'INVALID_INPUT'],
      [false, 'INVALID_INPUT'],
    ])
    expect(bodies.every((b) => b.error.message.length > 0)).toBe(true)
  })

  it('streams core events as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/events',
          headers: { host: `127.0.0.1:${server.port}`, ...cookie },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes(': connected')) {
              core.events.emit('chat:delta', { requestId: 'r', messageId: 'm', content: 'Hi', thinking: '' })
            }
            if (text.includes('event: chat:delta')) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    const text = await received
    expect(text).toContain(
      'event: chat:delta\ndata: {"requestId":"r","messageId":"m","content":"Hi","thinking":""}\n\n',
    )
  })
})
