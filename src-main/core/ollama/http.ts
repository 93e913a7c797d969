import { Agent, fetch as undiciFetch } from 'undici'
import { isRecord } from '../guards'
import { MalformedResponseError, OllamaStreamError } from './errors'
import { SignInRequiredError } from './limit-errors'

/** The fetch signature ollama-js accepts. */
export type FetchFn = typeof fetch

/**
 * Undici's defaults end any request whose headers take over 300 s (`UND_ERR_HEADERS_TIMEOUT`), and a chat only
 * sends headers after the model has loaded and read the prompt, which can take longer on big models. Ollama's
 * own client has no such limit; cancelling is the user's job (and short calls get their own timeout).
 */
export const AGENT_OPTIONS = { headersTimeout: 0, bodyTimeout: 0 } as const

/** A connection pool without undici's 300 s header and body timeouts (`timeouts` can shorten them, for tests). */
export function createOllamaAgent(timeouts: { headersTimeout?: number; bodyTimeout?: number } = {}): Agent {
  return new Agent({ ...AGENT_OPTIONS, ...timeouts })
}

/** A `fetch` that sends every request through `agent` (undici's own fetch: the global one ignores foreign agents). */
export function agentFetch(agent: Agent): FetchFn {
  // undici's Response type differs from the global one in details only the DOM lib sees; the object is the same.
  const viaAgent = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    const response: unknown = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })
    return response as Response
  }
  return viaAgent
}

const mergeSignals = (signals: (AbortSignal | null | undefined)[]): AbortSignal | undefined => {
  const present = signals.filter((s): s is AbortSignal => s !== null && s !== undefined)
  if (present.length === 0) return undefined
  return present.length === 1 ? present[0] : AbortSignal.any(present)
}

/**
 * Ollama's error bodies are `{"error": "…"}`, but proxies and unknown routes answer plain text; ollama-js would
 * then log `Getting text from response` to the console. Rewriting every error body to JSON keeps the console quiet
 * and keeps the message (`error` when present, else the text). A 401 that carries Ollama's `signin_url` becomes
 * `SignInRequiredError` right here, with the link.
 */
async function normalizeErrorResponse(response: Response): Promise<Response> {
  const text = await response.text().catch(() => '')
  let message: string | null = text.trim() === '' ? null : text.trim()
  try {
    const parsed: unknown = JSON.parse(text)
    const error = isRecord(parsed) ? parsed.error : undefined
    message = typeof error === 'string' && error !== '' ? error : message
    // ollama-js keeps only `error`, so the sign-in link Ollama adds to a cloud model's 401 is read here.
    const signinUrl = isRecord(parsed) ? parsed.signin_url : undefined
    if (response.status === 401 && typeof signinUrl === 'string') throw new SignInRequiredError(signinUrl)
  } catch (error) {
    if (error instanceof SignInRequiredError) throw error
    // Not JSON: the text itself is the message.
  }
  return new Response(JSON.stringify(message === null ? {} : { error: message }), {
    status: response.status,
    statusText: response.statusText,
    headers: { 'content-type': 'application/json' },
  })
}

/**
 * The longest streamed line accepted (in characters, so at least 16 MB of text). A line is held whole until its
 * newline arrives; without a bound, a peer that never sends one would grow the buffer until the app runs out of
 * memory. Ollama's own lines are one token or one progress step each, far below this.
 */
export const MAX_NDJSON_LINE_CHARS = 16 * 1024 * 1024

const lineTooLong = (line: string) =>
  new MalformedResponseError('a streamed line is longer than 16 MB', line.slice(0, 200))

/**
 * Re-emits an NDJSON body one checked line per chunk. An unparseable line becomes `MalformedResponseError` and an
 * `{"error"}` line becomes `OllamaStreamError`, each raised only after every line before it has been read (the
 * pull-based stream with no buffering ahead makes sure), so partial answers are never lost. A line longer than
 * `MAX_NDJSON_LINE_CHARS` fails the stream the same way, as soon as the limit is passed. This also keeps
 * ollama-js from logging `invalid json` to the console and from throwing an untyped `Error`.
 */
export function guardNdjson(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let buffer = ''
  let pending: Error | null = null
  let ended = false

  const check = (line: string): Error | null => {
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      return new MalformedResponseError('a streamed line is not JSON', line.slice(0, 200))
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return new MalformedResponseError('a streamed line is not a JSON object', line.slice(0, 200))
    }
    const error = (parsed as { error?: unknown }).error
    if (error !== undefined && error !== null) return new OllamaStreamError(typeof error === 'string' ? error : JSON.stringify(error))
    return null
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (pending !== null) {
            controller.error(pending)
            await reader.cancel(pending).catch(() => {})
            return
          }
          if (ended) {
            controller.close()
            return
          }
          const { done, value } = await reader.read()
          const piece = done ? decoder.decode() : decoder.decode(value, { stream: true })
          // Only the new text is searched for a line end, so a long line costs its length once, not once per chunk.
          if (!done && !piece.includes('\n')) {
            buffer += piece
            if (buffer.length > MAX_NDJSON_LINE_CHARS) pending = lineTooLong(buffer)
            continue
          }
          buffer += piece
          const lines = buffer.split('\n')
          buffer = done ? '' : (lines.pop() ?? '')
          ended = done
          let enqueued = 0
          for (const raw of lines) {
            const line = raw.trim()
            if (line === '') continue
            pending = line.length > MAX_NDJSON_LINE_CHARS ? lineTooLong(line) : check(line)
            if (pending !== null) break
            controller.enqueue(encoder.encode(`${line}\n`))
            enqueued++
          }
          // The unfinished line after them counts too: its newline may never come.
          if (pending === null && buffer.length > MAX_NDJSON_LINE_CHARS) pending = lineTooLong(buffer)
          if (enqueued > 0) return
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Wraps `base` for one call: every request carries `signal` (merged with the one ollama-js passes for streams,
 * so a call can be cancelled before its headers arrive, which ollama-js alone cannot do), error bodies are
 * normalised to JSON, and with `ndjson` the body is checked line by line (`guardNdjson`).
 */
export function callFetch(base: FetchFn, options: { signal?: AbortSignal | undefined; ndjson?: boolean }): FetchFn {
  const wrapped = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    const signal = mergeSignals([options.signal, init?.signal])
    const response = await base(input, signal === undefined ? init : { ...init, signal })
    if (!response.ok) return normalizeErrorResponse(response)
    if (options.ndjson === true && response.body !== null) {
      return new Response(guardNdjson(response.body), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    }
    return response
  }
  return wrapped
}
