import { Ollama } from 'ollama'
import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim } from './index'
import { ps } from './test-helpers'

let sim: OllamaSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const longReply = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ')

async function waitFor(check: () => Promise<boolean>, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return false
}

const chatBody = (model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra })

describe('load delay', () => {
  it('sends headers only after the simulated load, and only when the runner (re)loads', async () => {
    const s = (sim = await startOllamaSim({ models: ['llama3'], loadDelayMs: 600 }))
    let settled = false
    const pending = fetch(`${s.url}/api/chat`, { method: 'POST', body: chatBody('llama3') }).then((r) => {
      settled = true
      return r
    })
    expect(await waitFor(async () => (await ps(s)).length === 1)).toBe(true)
    expect(settled).toBe(false)
    const response = await pending
    expect(response.status).toBe(200)
    await response.text()
    const order: string[] = []
    const send = (label: string) =>
      fetch(`${s.url}/api/chat`, {
        method: 'POST',
        body: chatBody('llama3', { options: { num_ctx: 2048 }, stream: false }),
      })
        .then((r) => r.text())
        .then(() => void order.push(label))
    const reload = send('reload')
    expect(await waitFor(async () => (await ps(s))[0]?.context_length === 2048)).toBe(true)
    const warm = send('warm')
    await Promise.all([reload, warm])
    expect(order).toEqual(['warm', 'reload'])
    expect((await ps(s))[0]?.context_length).toBe(2048)
  })
})

describe('client disconnects', () => {
  it('stops generating when the client aborts (the runner is released at once)', async () => {
    const s = (sim = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 20, reply: longReply }))
    const controller = new AbortController()
    const response = await fetch(`${s.url}/api/chat`, {
      method: 'POST',
      body: chatBody('llama3', { keep_alive: 0 }),
      signal: controller.signal,
    })
    const reader = response.body?.getReader()
    const first = await reader?.read()
    expect(new TextDecoder().decode(first?.value as Uint8Array | undefined)).toContain('"word0"')
    expect(await ps(s)).toHaveLength(1)
    controller.abort()
    // 300 tokens at 20 ms would hold the runner for 6 s; keep_alive 0 frees it as soon as generation stops.
    expect(await waitFor(async () => (await ps(s)).length === 0, 100)).toBe(true)
  })

  it('lets ollama-js abort a stream with an AbortError', async () => {
    const s = (sim = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 20, reply: longReply }))
    const client = new Ollama({ host: s.url })
    const stream = await client.chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      keep_alive: 0,
    })
    const seen: string[] = []
    const error = await (async () => {
      for await (const part of stream) {
        seen.push(part.message.content)
        if (seen.length === 3) stream.abort()
      }
    })().catch((e: unknown) => e)
    expect((error as Error).name).toBe('AbortError')
    expect(seen).toEqual(['word0', ' word1', ' word2'])
    expect(await waitFor(async () => (await ps(s)).length === 0, 100)).toBe(true)
  })
})

describe('token delay', () => {
  it('spaces tokens by the configured delay', async () => {
    const s = (sim = await startOllamaSim({ models: ['llama3'], tokenDelayMs: 40, reply: 'a b c d e' }))
    const started = Date.now()
    const response = await fetch(`${s.url}/api/chat`, { method: 'POST', body: chatBody('llama3') })
    await response.text()
    // A lower bound only: five tokens cannot arrive sooner than four delays apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual(160)
  })
})
