import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BASE64_CHARS } from '../../src-shared/image-rule'
import { MAX_IMAGES_PER_MESSAGE } from '../../src-shared/limits'
import type { BrowserServer } from './browser-server'
import { bodyLimitOf } from './rpc-endpoint'
import { recordRefusal } from '../test-support/reliability-checks'
import { raw, startEchoServer, type EchoCore } from './test-fixtures/echo-browser-server'

// `POST /rpc/<channel>` behind the session: relaying, refusals and body bounds (rpc-endpoint.ts).
describe('startBrowserServer RPC', () => {
  let server: BrowserServer
  let core: EchoCore
  let cookie: { cookie: string }
  let rpcHeaders: Record<string, string>

  beforeEach(async () => {
    ;({ server, core, cookie, rpcHeaders } = await startEchoServer())
  })
  afterEach(() => server.close())

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
})
