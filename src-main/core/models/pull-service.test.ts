// The pull service against scripted clients: which progress lines reach the windows and when, what a window that
// opens mid-pull is told, the same model on two hosts, and how a failure is reported and logged.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type EventMap } from '../../../src-shared/ipc/contract'
import type { PullProgress } from '../../../src-shared/types'
import { createCoreEvents } from '../events'
import { createDispatcher, type Handlers } from '../ipc/dispatch'
import { createMemoryLogger } from '../log'
import type { OllamaClient, PullLine } from '../ollama/client'
import { OllamaStreamError, StreamInterruptedError } from '../ollama/errors'
import { createPullService } from './pull-service'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A client whose pull sends the lines a test gives it, at the times it says, and ends when told. */
function scriptedClient(host = 'http://127.0.0.1:11434') {
  let onLine: (line: PullLine) => void = () => {}
  let settle: { resolve(): void; reject(error: unknown): void } = { resolve: () => {}, reject: () => {} }
  const pulled: string[] = []
  const client = {
    host,
    pull(model: string, opts: { onLine(line: PullLine): void }) {
      pulled.push(model)
      onLine = (line) => opts.onLine(line)
      return new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
    },
  } as unknown as OllamaClient
  const clock = vi.spyOn(Date, 'now')
  return {
    client,
    pulled,
    line(at: number, status: string, layer?: { digest: string; completed: number; total: number }) {
      clock.mockReturnValue(at)
      onLine({
        status,
        digest: layer?.digest ?? null,
        completed: layer?.completed ?? null,
        total: layer?.total ?? null,
      })
    },
    end: () => settle.resolve(),
    fail: (error: unknown) => settle.reject(error),
  }
}

function service() {
  const log = createMemoryLogger()
  const events = createCoreEvents(log)
  const seen: { name: string; payload: unknown }[] = []
  events.onAny((name, payload) => seen.push({ name, payload }))
  const pulls = createPullService({ events, log, onPulled: () => {} })
  const progress = () => seen.filter((e) => e.name === 'models:pullProgress').map((e) => e.payload as PullProgress)
  const ended = () =>
    seen.filter((e) => e.name === 'models:pullEnded').map((e) => e.payload as EventMap['models:pullEnded'])
  return { log, seen, pulls, progress, ended }
}

const a = (completed: number) => ({ digest: 'sha256:aaa', completed, total: 100 })
const b = (completed: number) => ({ digest: 'sha256:bbb', completed, total: 10 })
const shown = (lines: PullProgress[]) =>
  lines.map((p) => (p.digest === null ? p.status : `${p.digest.slice(7)} ${p.completed}`))

describe('the pull service', () => {
  it('sends a line held back before the first line of the next status, so no layer ends short of its last line', async () => {
    const s = service()
    const ollama = scriptedClient()
    const pending = s.pulls.pull({ requestId: 'p', model: 'llama3' }, ollama.client)
    ollama.line(0, 'pulling manifest')
    ollama.line(10, 'pulling aaa', a(10))
    ollama.line(60, 'pulling aaa', a(40)) // held back, then replaced
    ollama.line(120, 'pulling aaa', a(80)) // the interval has passed
    ollama.line(150, 'pulling aaa', a(95)) // held back: the layer's last line
    ollama.line(160, 'pulling bbb', b(5))
    ollama.line(170, 'pulling bbb', b(9)) // held back: the layer's last line
    ollama.line(180, 'verifying sha256 digest')
    ollama.line(185, 'writing manifest')
    ollama.line(190, 'success')
    ollama.end()
    expect(await pending).toEqual({ model: 'llama3', cancelled: false })
    expect(shown(s.progress())).toEqual([
      'pulling manifest',
      'aaa 10',
      'aaa 80',
      'aaa 95',
      'bbb 5',
      'bbb 9',
      'verifying sha256 digest',
      'writing manifest',
      'success',
    ])
  })

  it('tells a window opening mid-pull the latest line of every layer, then the latest line', async () => {
    const s = service()
    const first = scriptedClient()
    const pending = s.pulls.pull({ requestId: 'p', model: 'llama3' }, first.client)
    first.line(0, 'pulling manifest')
    expect(shown(s.pulls.active())).toEqual(['pulling manifest'])
    first.line(10, 'pulling aaa', a(10))
    first.line(20, 'pulling aaa', a(60)) // held back, yet what a new window must see
    first.line(30, 'pulling bbb', b(5))
    first.line(40, 'pulling bbb', b(7))
    expect(shown(s.pulls.active())).toEqual(['aaa 60', 'bbb 7'])
    first.line(50, 'verifying sha256 digest')
    expect(s.pulls.active().map((p) => [p.requestId, p.status])).toEqual([
      ['p', 'pulling aaa'],
      ['p', 'pulling bbb'],
      ['p', 'verifying sha256 digest'],
    ])
    first.end()
    await pending
    expect(s.pulls.active()).toEqual([])
  })

  it('refuses a second pull of a model on the same host only, and says which host each line and end is about', async () => {
    const s = service()
    const hostA = scriptedClient('http://a.local:11434')
    const hostB = scriptedClient('http://b.local:11434')
    const onA = s.pulls.pull({ requestId: 'a', model: 'llama3' }, hostA.client)
    const onB = s.pulls.pull({ requestId: 'b', model: 'llama3' }, hostB.client)
    expect(hostB.pulled).toEqual(['llama3'])
    await expect(s.pulls.pull({ requestId: 'c', model: 'Llama3:latest' }, hostA.client)).rejects.toMatchObject({
      code: 'BUSY',
      message: 'llama3 is already being pulled.',
    })
    hostA.line(0, 'pulling manifest')
    hostB.line(0, 'pulling manifest')
    const hosts = (lines: { requestId: string; host: string }[]) => lines.map((line) => [line.requestId, line.host])
    expect(hosts(s.progress())).toEqual([
      ['a', 'http://a.local:11434'],
      ['b', 'http://b.local:11434'],
    ])
    expect(hosts(s.pulls.active())).toEqual([
      ['a', 'http://a.local:11434'],
      ['b', 'http://b.local:11434'],
    ])
    hostA.end()
    hostB.end()
    expect(await Promise.all([onA, onB])).toEqual([
      { model: 'llama3', cancelled: false },
      { model: 'llama3', cancelled: false },
    ])
    expect(hosts(s.ended())).toEqual([
      ['a', 'http://a.local:11434'],
      ['b', 'http://b.local:11434'],
    ])
  })

  it('fails a pull whose stream ended without Ollama’s success, after the line held back, and never completes it', async () => {
    const s = service()
    const ollama = scriptedClient()
    const pending = s.pulls.pull({ requestId: 'p', model: 'llama3' }, ollama.client)
    ollama.line(0, 'pulling aaa', a(10))
    ollama.line(20, 'pulling aaa', a(30))
    ollama.fail(new StreamInterruptedError('the pull ended without its final line'))
    await expect(pending).rejects.toMatchObject({ code: 'STREAM_INTERRUPTED' })
    expect(shown(s.progress())).toEqual(['aaa 10', 'aaa 30'])
    expect(s.ended()).toEqual([
      {
        requestId: 'p',
        model: 'llama3',
        host: 'http://127.0.0.1:11434',
        outcome: 'failed',
        error: {
          code: 'STREAM_INTERRUPTED',
          message:
            'The connection to Ollama broke off before the pull of llama3 finished. Pulling it again resumes where it stopped.',
          detail: 'the pull ended without its final line',
        },
      },
    ])
  })

  describe('logs a failure once', () => {
    const dispatcherWith = (s: ReturnType<typeof service>, client: OllamaClient) => {
      const handlers = Object.fromEntries(
        CHANNELS.map((channel) => [channel, () => Promise.reject(new Error('not part of this test'))]),
      )
      return createDispatcher(
        { ...(handlers as unknown as Handlers), 'models:pull': (input) => s.pulls.pull(input, client) },
        s.log,
      )
    }

    it('an expected one here, as a warning', async () => {
      const s = service()
      const ollama = scriptedClient()
      const result = dispatcherWith(s, ollama.client)('models:pull', { requestId: 'p', model: 'llama3' })
      await vi.waitFor(() => expect(ollama.pulled).toHaveLength(1))
      ollama.fail(new OllamaStreamError('pull model manifest: file does not exist'))
      expect(await result).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND' } })
      expect(s.ended()[0]?.error).toMatchObject({ code: 'MODEL_NOT_FOUND' })
      expect(s.log.lines).toEqual([
        {
          level: 'warn',
          message: 'a pull failed',
          fields: expect.objectContaining({ code: 'MODEL_NOT_FOUND' }) as unknown,
        },
      ])
    })

    it('a bug by the dispatcher alone, with its stack', async () => {
      const s = service()
      const ollama = scriptedClient()
      const result = dispatcherWith(s, ollama.client)('models:pull', { requestId: 'p', model: 'llama3' })
      await vi.waitFor(() => expect(ollama.pulled).toHaveLength(1))
      ollama.fail(new TypeError('x is undefined'))
      expect(await result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      expect(s.ended()[0]?.error).toMatchObject({ code: 'INTERNAL' })
      expect(s.log.lines).toEqual([
        {
          level: 'error',
          message: 'unexpected failure in models:pull',
          fields: expect.objectContaining({ error: 'x is undefined' }) as unknown,
        },
      ])
    })
  })
})
