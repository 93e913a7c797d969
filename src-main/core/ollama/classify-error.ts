import {
  CancelledError,
  MalformedResponseError,
  ModelNotFoundError,
  OllamaEdgeError,
  OllamaHttpError,
  OllamaUnreachableError,
  StreamInterruptedError,
} from './errors'
import { isRecord } from '../guards'
import { limitErrorFor } from './limit-errors'

/** Where a failure happened, so `toOllamaError` can fill in the host and model. */
export interface ErrorContext {
  host: string
  /** The model the request was about; a 404 names it. */
  model?: string
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
])

const errorName = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : undefined

const causeCode = (cause: unknown): string | undefined => {
  if (typeof cause !== 'object' || cause === null) return undefined
  const code = (cause as { code?: unknown }).code
  if (typeof code === 'string') return code
  // Happy-eyeballs connects fail with an AggregateError whose members carry the codes.
  const first = (cause as { errors?: unknown[] }).errors?.[0]
  return first === undefined ? undefined : causeCode(first)
}

function classifyFetchFailure(e: TypeError, context: ErrorContext): OllamaEdgeError {
  const cause = e.cause
  const code = causeCode(cause)
  const causeMessage = cause instanceof Error ? cause.message : undefined
  if (code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith('UND_ERR_'))) {
    return new OllamaUnreachableError(context.host, code, e)
  }
  if (causeMessage === 'bad port')
    return new OllamaUnreachableError(context.host, 'port blocked by fetch (bad port)', e)
  // `fetch failed` always means the request never got a response; whatever the cause, nothing usable answered.
  return new OllamaUnreachableError(context.host, code ?? causeMessage ?? 'fetch failed', e)
}

/**
 * Ollama relays llama-server's own error body as its `error` text (`llm/llama_server.go` `statusErrorMessage`):
 * `{"error":{"code":500,"message":"…"}}`. The sentence inside is what a person can read; anything else is kept.
 */
export function readableRunnerMessage(message: string): string {
  if (!message.trimStart().startsWith('{')) return message
  try {
    const parsed: unknown = JSON.parse(message)
    const inner = isRecord(parsed) && isRecord(parsed.error) ? parsed.error.message : undefined
    return typeof inner === 'string' && inner.trim() !== '' ? inner : message
  } catch {
    return message
  }
}

/**
 * The typed error for an HTTP error status and Ollama's `error` text (or the body's text): `ModelNotFoundError` for
 * a 404 about a model, one of the limit errors of `./limit-errors` when its text says so, `OllamaHttpError`
 * otherwise. The one rule for both ways a status arrives: ollama-js's `ResponseError` and the streamed calls.
 */
export function httpStatusError(status: number, message: string, model: string | undefined): OllamaEdgeError {
  // A 404 on a call about no model (version, tags, ps) means the host is not Ollama or the path is wrong.
  if (status === 404 && model !== undefined) return new ModelNotFoundError(model, message)
  return limitErrorFor(status, message, model) ?? new OllamaHttpError(status, readableRunnerMessage(message))
}

/**
 * Classifies anything thrown while talking to Ollama (through ollama-js and undici) into the typed errors above.
 * Guarantees: a typed error passes through unchanged; aborts become `CancelledError`; `ResponseError` (not
 * exported by ollama-js, so recognised by `name` and `status_code`) goes through `httpStatusError`; undici's
 * `fetch failed` becomes `OllamaUnreachableError`; a body cut off (`terminated`) becomes `StreamInterruptedError`;
 * JSON and schema failures become `MalformedResponseError`. Anything unrecognised is returned as is (an `Error`), so
 * it is reported as a bug. The library texts matched here are pinned by `library-errors.test.ts`.
 */
export function toOllamaError(e: unknown, context: ErrorContext): Error {
  if (e instanceof OllamaEdgeError) return e
  const name = errorName(e)
  if (name === 'AbortError') return new CancelledError(e)
  if (name === 'TimeoutError') return new OllamaUnreachableError(context.host, 'no answer in time', e)
  if (name === 'ResponseError') {
    const status = (e as { status_code?: unknown }).status_code
    const text = (e as { error?: unknown }).error
    const message = typeof text === 'string' && text !== '' ? text : e instanceof Error ? e.message : 'unknown error'
    if (typeof status === 'number') return httpStatusError(status, message, context.model)
  }
  if (e instanceof TypeError) {
    if (e.message === 'terminated') return new StreamInterruptedError('the connection was closed mid-answer', e)
    if (e.message === 'fetch failed') return classifyFetchFailure(e, context)
  }
  if (e instanceof SyntaxError) return new MalformedResponseError('not valid JSON', e.message, e)
  if (name === 'ZodError')
    return new MalformedResponseError('unexpected shape', e instanceof Error ? e.message : undefined, e)
  if (e instanceof Error) return e
  return new Error(String(e))
}
