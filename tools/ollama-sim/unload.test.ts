import { describe, expect, it, vi } from 'vitest'
import type { OllamaSim, SimOptions } from './index'
import { call, fakeClock, post, ps, streamUntil, simPerTest } from './test-helpers'

const startSim = simPerTest()

async function start(options: SimOptions): Promise<OllamaSim> {
  const sim = await startSim(options)
  await post(sim, '/api/create', {
    model: 'ollmchat-temp/llama3:ctx4096',
    from: 'llama3',
    parameters: { num_ctx: 4096 },
    stream: false,
  })
  return sim
}

const TEMP = 'ollmchat-temp/llama3:ctx4096'
const load = (s: OllamaSim, model: string) => post(s, '/api/chat', { model, messages: [], options: { num_ctx: 4096 } })

describe('delete while loaded (routes.go DeleteHandler never calls the scheduler)', () => {
  it('keeps the runner; a remaining name that shares the weights can still unload it', async () => {
    const s = await start({ models: ['llama3'] })
    await load(s, TEMP)
    expect((await ps(s)).map((m) => m.name)).toEqual([TEMP])
    expect((await call(s, 'DELETE', '/api/delete', { model: TEMP })).status).toBe(200)
    expect((await ps(s)).map((m) => m.name)).toEqual([TEMP])
    expect(await post(s, '/api/chat', { model: TEMP, messages: [], keep_alive: 0 })).toMatchObject({ status: 404 })
    expect((await post(s, '/api/chat', { model: 'llama3', messages: [], keep_alive: 0 })).json).toMatchObject({
      done_reason: 'unload',
    })
    expect(await ps(s)).toEqual([])
  })
})

describe('unload with keep_alive 0 and no messages or prompt (sched.go expireRunner)', () => {
  it('through /api/generate, with another name of the same weights, answers one unload object', async () => {
    const s = await start({ models: ['llama3'] })
    await load(s, 'llama3')
    const answer = await post(s, '/api/generate', { model: TEMP, keep_alive: 0 })
    expect(answer.status).toBe(200)
    expect(answer.contentType).toContain('application/json')
    expect(answer.json).toEqual({
      model: TEMP,
      created_at: expect.any(String) as unknown,
      response: '',
      done: true,
      done_reason: 'unload',
    })
    expect(await ps(s)).toEqual([])
  })

  it('through /api/chat, with a Go duration of zero', async () => {
    const s = await start({ models: ['llama3'] })
    await load(s, TEMP)
    const answer = await post(s, '/api/chat', { model: 'llama3', messages: [], keep_alive: '0s', stream: true })
    expect(answer.json).toEqual({
      model: 'llama3',
      created_at: expect.any(String) as unknown,
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'unload',
    })
    expect(await ps(s)).toEqual([])
  })

  it('answers unload even when nothing is loaded', async () => {
    const s = await start({ models: ['llama3'] })
    expect((await post(s, '/api/generate', { model: 'llama3', keep_alive: 0 })).json).toMatchObject({
      done_reason: 'unload',
    })
  })

  it('lets a reply under way finish, showing the runner expiring now, and unloads it after', async () => {
    const clock = fakeClock()
    const s = await start({
      models: ['llama3'],
      tokenDelayMs: 20,
      reply: 'one two three four five six seven eight nine ten',
      now: clock.now,
    })
    let unloaded: Promise<unknown> | undefined
    const reply = streamUntil(
      s,
      '/api/chat',
      { model: TEMP, messages: [{ role: 'user', content: 'hi' }] },
      (_line, lines) => {
        if (lines.length === 2) unloaded = post(s, '/api/chat', { model: 'llama3', messages: [], keep_alive: 0 })
        return false
      },
    )
    await vi.waitFor(() => expect(unloaded).toBeDefined())
    expect(await unloaded).toMatchObject({ json: { done_reason: 'unload' } })
    clock.advance(1000)
    const during = await ps(s)
    expect(during.map((m) => m.name)).toEqual([TEMP])
    expect(Date.parse(during[0]?.expires_at ?? '')).toBe(clock.now() - 1000)
    const done = await reply
    expect(done.lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' })
    expect(await ps(s)).toEqual([])
  })
})

describe('/api/ps expires_at', () => {
  it('is the end of the last request plus its keep_alive, in server-local time with an offset', async () => {
    const clock = fakeClock()
    const s = await start({ models: ['llama3'], now: clock.now })
    await post(s, '/api/chat', { model: 'llama3', messages: [], keep_alive: '10m' })
    const [entry] = await ps(s)
    expect(entry?.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/)
    expect(Date.parse(entry?.expires_at ?? '')).toBe(clock.now() + 10 * 60_000)
    expect(s.loaded()).toEqual([{ name: 'llama3:latest', contextLength: 4096, expiresAt: entry?.expires_at }])
  })
})
