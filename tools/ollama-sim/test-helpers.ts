import { afterEach, beforeEach } from 'vitest'
import { startOllamaSim } from './index'
import type { OllamaSim, SimOptions } from './types'

/** A parsed HTTP answer for assertions. */
export interface Answer {
  status: number
  contentType: string
  text: string
  /** Parsed JSON of a single-object body; undefined when the body is not one JSON value. */
  json: unknown
  /** Parsed lines of an NDJSON body. */
  lines: Record<string, unknown>[]
}

/** Sends a JSON body (a string is sent verbatim) and reads the whole answer. */
export async function call(
  sim: OllamaSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  const response = await fetch(`${sim.url}${path}`, init)
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json, lines }
}

/** POST shorthand. */
export const post = (sim: OllamaSim, path: string, body?: unknown) => call(sim, 'POST', path, body)

/** GET shorthand returning parsed JSON. */
export async function getJson<T>(sim: OllamaSim, path: string): Promise<T> {
  const response = await fetch(`${sim.url}${path}`)
  return (await response.json()) as T
}

/** The `/api/ps` entries. */
export interface PsEntry {
  name: string
  model: string
  size: number
  size_vram: number
  digest: string
  details: Record<string, unknown>
  expires_at: string
  context_length: number
}

export const ps = async (sim: OllamaSim) => (await getJson<{ models: PsEntry[] }>(sim, '/api/ps')).models

/** The `/api/tags` entries. */
export interface TagsEntry {
  name: string
  model: string
  modified_at: string
  size: number
  digest: string
  details: Record<string, unknown>
  capabilities?: string[]
  remote_model?: string
  remote_host?: string
}

export const tags = async (sim: OllamaSim) => (await getJson<{ models: TagsEntry[] }>(sim, '/api/tags')).models

/** A controllable clock for keep-alive tests. */
export function fakeClock(start = Date.UTC(2026, 7, 21, 12, 0, 0)): {
  now: () => number
  advance: (ms: number) => void
} {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

/** Joined `message.content` of chat lines. */
export function contentOf(lines: Record<string, unknown>[]): string {
  return lines.map((line) => (line.message as { content?: string } | undefined)?.content ?? '').join('')
}

/** Joined `message.thinking` of chat lines. */
export function thinkingOf(lines: Record<string, unknown>[]): string {
  return lines.map((line) => (line.message as { thinking?: string } | undefined)?.thinking ?? '').join('')
}

/** NDJSON lines as they arrived, with the time each came (`performance.now()`). */
export interface TimedLines {
  lines: Record<string, unknown>[]
  times: number[]
  /** True when `until` stopped the request before the stream ended. */
  aborted: boolean
}

/**
 * POSTs and reads the NDJSON answer line by line as it streams; when `until` returns true for a line the request is
 * aborted there, as a client that cancels (the server sees the connection close).
 */
export async function streamUntil(
  sim: OllamaSim,
  path: string,
  body: unknown,
  until: (line: Record<string, unknown>, lines: Record<string, unknown>[]) => boolean = () => false,
): Promise<TimedLines> {
  const controller = new AbortController()
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    signal: controller.signal,
  })
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader()
  const out: TimedLines = { lines: [], times: [], aborted: false }
  if (reader === undefined) return out
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    buffer += decoder.decode(value, { stream: true })
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>
      buffer = buffer.slice(newline + 1)
      out.lines.push(line)
      out.times.push(performance.now())
      if (until(line, out.lines)) {
        out.aborted = true
        controller.abort()
        await reader.cancel().catch(() => {})
        return out
      }
      newline = buffer.indexOf('\n')
    }
  }
}

/**
 * One simulator per test, closed after each (call at the top of a test file): returns the function that starts it,
 * with `defaults` under the test's own options.
 */
export function simPerTest(defaults: SimOptions = {}): (options?: SimOptions) => Promise<OllamaSim> {
  let sim: OllamaSim | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })
  return async (options = {}) => {
    sim = await startOllamaSim({ ...defaults, ...options })
    return sim
  }
}

/**
 * A simulator started with `options` before each test and closed after it (call at the top of a test file); `use`
 * receives each one, for the file to keep in its `sim`.
 */
export function simBeforeEach(options: SimOptions, use: (sim: OllamaSim) => void): void {
  const start = simPerTest(options)
  beforeEach(async () => use(await start()))
}

/** What the chat tests serve: a plain and a thinking model, one with a num_ctx that is not a number, a cloud one. */
export const CHAT_SIM_OPTIONS: SimOptions = {
  models: ['llama3', 'qwen3:8b', { name: 'broken', parameters: { num_ctx: 'abc' } }, 'gpt-oss:120b-cloud'],
}

/** The messages of a chat that is one user turn saying `content`. */
export const user = (content: string) => [{ role: 'user', content }]
