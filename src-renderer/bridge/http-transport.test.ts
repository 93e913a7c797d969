import { describe, expect, it, vi } from 'vitest'
import { createBridge } from '../../src-shared/ipc/bridge'
import { makeStatus } from '../test-support/fixtures'
import { createHttpTransport, type EventSourceLike } from './http-transport'

type Listener = (event: MessageEvent<string>) => void

class FakeEventSource implements EventSourceLike {
  readyState = 0
  readonly listeners = new Map<string, Listener[]>()
  closed = false
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  close() {
    this.closed = true
  }
  fire(type: string, data = '') {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }))
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

describe('browser-mode requests', () => {
  it('POSTs the JSON input to /rpc/<channel> with the ollmchat header and returns the Result', async () => {
    const fetchFn = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve(jsonResponse({ ok: true, value: { hits: [] } })),
    )
    const bridge = createBridge(createHttpTransport({ fetch: fetchFn }))
    const result = await bridge['conversations:search']({ query: 'llama', limit: 5 })
    expect(result).toEqual({ ok: true, value: { hits: [] } })
    const [url, init] = fetchFn.mock.calls[0]!
    expect(url).toBe('/rpc/conversations:search')
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-ollmchat': '1' },
    })
    expect(JSON.parse(init?.body as string)).toEqual({ query: 'llama', limit: 5 })
  })

  it('passes an expected failure through unchanged', async () => {
    const failure = { ok: false, error: { code: 'NOT_FOUND', message: 'Gone.' } }
    const bridge = createBridge(createHttpTransport({ fetch: () => Promise.resolve(jsonResponse(failure)) }))
    expect(await bridge['conversations:get']({ conversationId: 'x' })).toEqual(failure)
  })

  it('passes on the failure a refusal carries, whatever its status', async () => {
    const failure = { ok: false, error: { code: 'FORBIDDEN', message: 'Open ollmchat from the address it printed.' } }
    const bridge = createBridge(createHttpTransport({ fetch: () => Promise.resolve(jsonResponse(failure, 403)) }))
    expect(await bridge['conversations:list']({})).toEqual(failure)
  })

  it.each([
    [
      'a non-2xx answer whose body is not a failure',
      () => Promise.resolve(new Response('Bad gateway', { status: 502 })),
    ],
    ['a network failure', () => Promise.reject(new TypeError('fetch failed'))],
    ['a non-2xx answer', () => Promise.resolve(jsonResponse({ ok: true, value: 1 }, 502))],
    ['a body that is not a Result', () => Promise.resolve(new Response('<html>', { status: 200 }))],
  ])('turns %s into the "server is not answering" failure, never a throw', async (_label, answer) => {
    const bridge = createBridge(createHttpTransport({ fetch: answer }))
    expect(await bridge['app:getInfo']({})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The ollmchat server is not answering. Is it still running?' },
    })
  })
})

describe('browser-mode events', () => {
  it('shares one EventSource on /events and parses each named event', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const sources: FakeEventSource[] = []
    const transport = createHttpTransport({
      fetch: () => Promise.resolve(jsonResponse({ ok: true, value: null })),
      createEventSource: (url) => {
        const source = new FakeEventSource(url)
        sources.push(source)
        return source
      },
    })
    const bridge = createBridge(transport)
    const deltas: unknown[] = []
    const themes: unknown[] = []
    const off = bridge.on('chat:delta', (payload) => deltas.push(payload))
    bridge.on('settings:theme', (payload) => themes.push(payload))
    expect(sources).toHaveLength(1)
    expect(sources[0]?.url).toBe('/events')
    sources[0]?.fire('chat:delta', JSON.stringify({ requestId: 'r', messageId: 'm', content: 'x', thinking: '' }))
    sources[0]?.fire('settings:theme', JSON.stringify({ theme: 'dark' }))
    sources[0]?.fire('chat:delta', 'not json')
    expect(deltas).toEqual([{ requestId: 'r', messageId: 'm', content: 'x', thinking: '' }])
    expect(themes).toEqual([{ theme: 'dark' }])
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
    off()
    sources[0]?.fire('chat:delta', JSON.stringify({ requestId: 'r', messageId: 'm', content: 'y', thinking: '' }))
    expect(deltas).toHaveLength(1)
  })

  it('re-fetches the Ollama status after a reconnect so no stale banner stays', async () => {
    const source = new FakeEventSource('/events')
    const fetchFn = vi.fn(() => Promise.resolve(jsonResponse({ ok: true, value: makeStatus('reachable') })))
    const bridge = createBridge(createHttpTransport({ fetch: fetchFn, createEventSource: () => source }))
    const statuses: unknown[] = []
    bridge.on('ollama:status', (status) => statuses.push(status))
    source.fire('open')
    expect(fetchFn).not.toHaveBeenCalled()
    source.fire('error')
    source.fire('open')
    await vi.waitFor(() => expect(statuses).toEqual([makeStatus('reachable')]))
    expect(fetchFn.mock.calls[0]).toEqual(['/rpc/ollama:getStatus', expect.anything()])
  })

  it('tells onReconnect listeners when the stream is back after a gap, not at the first open', () => {
    const source = new FakeEventSource('/events')
    const bridge = createBridge(
      createHttpTransport({
        fetch: () => Promise.resolve(jsonResponse({ ok: true, value: null })),
        createEventSource: () => source,
      }),
    )
    let reconnects = 0
    const off = bridge.onReconnect(() => reconnects++)
    bridge.on('chat:ended', () => undefined)
    source.fire('open')
    expect(reconnects).toBe(0)
    source.fire('error')
    source.fire('open')
    expect(reconnects).toBe(1)
    off()
    source.fire('error')
    source.fire('open')
    expect(reconnects).toBe(1)
  })

  it('opens a new EventSource when the browser gave up on the old one', () => {
    vi.useFakeTimers()
    try {
      const sources: FakeEventSource[] = []
      const bridge = createBridge(
        createHttpTransport({
          fetch: () => Promise.resolve(jsonResponse({ ok: true, value: null })),
          retryDelayMs: 1000,
          createEventSource: (url) => {
            const source = new FakeEventSource(url)
            sources.push(source)
            return source
          },
        }),
      )
      const seen: unknown[] = []
      bridge.on('settings:theme', (payload) => seen.push(payload))
      sources[0]!.readyState = 2
      sources[0]!.fire('error')
      vi.advanceTimersByTime(1000)
      expect(sources).toHaveLength(2)
      sources[1]?.fire('settings:theme', JSON.stringify({ theme: 'light' }))
      expect(seen).toEqual([{ theme: 'light' }])
    } finally {
      vi.useRealTimers()
    }
  })
})
