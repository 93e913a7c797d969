import { request as httpRequest } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../core/log'
import { startBrowserServer, type BrowserServer } from './browser-server'
import { sessionCookieName } from './session-auth'
import { recordRefusal } from '../test-support/reliability-checks'
import { echoCore, raw, startEchoServer, TOKEN, type EchoCore } from './test-fixtures/echo-browser-server'

// The session, the pages and the event stream; the RPC endpoint has browser-server-rpc.test.ts.
describe('startBrowserServer', () => {
  let server: BrowserServer
  let core: EchoCore
  let rendererDir: string
  let cookie: { cookie: string }

  beforeEach(async () => {
    ;({ server, core, rendererDir, cookie } = await startEchoServer())
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
