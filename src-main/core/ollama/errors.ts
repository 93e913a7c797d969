import type { ErrorCode } from '../../../src-shared/ipc/result'

/**
 * Base of every typed failure raised at the Ollama edge: `code` is what the renderer acts on, `message` is one
 * sentence for people, and `detail` (when set) holds extra facts such as Ollama's own text.
 */
export class OllamaEdgeError extends Error {
  override name = 'OllamaEdgeError'
  readonly detail?: string

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { detail?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    if (options.detail !== undefined) this.detail = options.detail
  }
}

/** Nothing answered at the host: refused, unknown host, reset, unroutable, timed out, or a blocked port. */
export class OllamaUnreachableError extends OllamaEdgeError {
  override name = 'OllamaUnreachableError'
  constructor(
    readonly host: string,
    /** A short machine-ish reason, e.g. `ECONNREFUSED` or `no answer within 15 s`. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super('OLLAMA_UNREACHABLE', `Ollama is not answering at ${host}. Is it running?`, { detail: reason, cause })
  }
}

/** Ollama answered 404: the model (or, for a temporary model, its name) does not exist there. */
export class ModelNotFoundError extends OllamaEdgeError {
  override name = 'ModelNotFoundError'
  constructor(
    readonly model: string,
    /** Ollama's own text, when the 404 came from Ollama rather than from a check in ollmchat. */
    readonly ollamaMessage?: string,
  ) {
    super('MODEL_NOT_FOUND', `The model "${model}" is not installed in Ollama.`, { detail: ollamaMessage })
  }
}

/** Any other HTTP error status from Ollama; `ollamaMessage` is the `error` text Ollama sent. */
export class OllamaHttpError extends OllamaEdgeError {
  override name = 'OllamaHttpError'
  constructor(
    readonly status: number,
    readonly ollamaMessage: string,
  ) {
    super('OLLAMA_ERROR', `Ollama answered with an error (HTTP ${status}): ${ollamaMessage}`, { detail: ollamaMessage })
  }
}

/** An `{"error": …}` line arrived in the middle of a stream (the HTTP status was already 200). */
export class OllamaStreamError extends OllamaEdgeError {
  override name = 'OllamaStreamError'
  constructor(readonly ollamaMessage: string) {
    super('OLLAMA_STREAM_ERROR', `Ollama stopped with an error: ${ollamaMessage}`, { detail: ollamaMessage })
  }
}

/** The connection dropped, or the stream ended without its final `done` line. */
export class StreamInterruptedError extends OllamaEdgeError {
  override name = 'StreamInterruptedError'
  constructor(reason: string, cause?: unknown) {
    super('STREAM_INTERRUPTED', 'The connection to Ollama broke off before the answer was complete.', { detail: reason, cause })
  }
}

/** Ollama answered something its API does not document: not JSON, or JSON of the wrong shape. */
export class MalformedResponseError extends OllamaEdgeError {
  override name = 'MalformedResponseError'
  constructor(what: string, detail?: string, cause?: unknown) {
    super('MALFORMED_RESPONSE', `Ollama sent an answer ollmchat cannot read (${what}).`, { detail, cause })
  }
}

/** The caller's signal stopped the operation. `name` stays `CancelledError`; callers test `code`. */
export class CancelledError extends OllamaEdgeError {
  override name = 'CancelledError'
  constructor(cause?: unknown) {
    super('CANCELLED', 'Stopped.', { cause })
  }
}

/** A model name Ollama would refuse (`invalid model name`), caught before any request. */
export class InvalidModelNameError extends OllamaEdgeError {
  override name = 'InvalidModelNameError'
  constructor(readonly modelName: string) {
    super('INVALID_INPUT', `"${modelName}" is not a valid Ollama model name.`)
  }
}

/** The operation does not apply to this model, e.g. `num_ctx` for a cloud model. */
export class NotApplicableError extends OllamaEdgeError {
  override name = 'NotApplicableError'
  constructor(message: string) {
    super('NOT_APPLICABLE', message)
  }
}

/** A `num_ctx` that `checkNumCtx` (or the model's trained length) refuses; the message says the bound. */
export class InvalidNumCtxError extends OllamaEdgeError {
  override name = 'InvalidNumCtxError'
  constructor(
    message: string,
    readonly numCtx: unknown,
  ) {
    super('INVALID_NUM_CTX', message)
  }
}

/** Where a failure happened, so `toOllamaError` can fill in the host and model. */
export interface ErrorContext {
  host: string
  /** The model the request was about; a 404 names it. */
  model?: string
  /** True while reading a streamed body: a plain `Error` there is ollama-js relaying an `{"error"}` line. */
  inStream?: boolean
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED',
])
const INCOMPLETE_STREAM = 'Did not receive done or success response in stream.'

const errorName = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : undefined

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
  if (causeMessage === 'bad port') return new OllamaUnreachableError(context.host, 'port blocked by fetch (bad port)', e)
  // `fetch failed` always means the request never got a response; whatever the cause, nothing usable answered.
  return new OllamaUnreachableError(context.host, code ?? causeMessage ?? 'fetch failed', e)
}

/**
 * Classifies anything thrown while talking to Ollama (through ollama-js and undici) into the typed errors above.
 * Guarantees: a typed error passes through unchanged; aborts become `CancelledError`; `ResponseError` (not
 * exported by ollama-js, so recognised by `name` and `status_code`) becomes `ModelNotFoundError` for a 404 about a
 * model and `OllamaHttpError` otherwise; undici's `fetch failed` becomes `OllamaUnreachableError`; a body cut off
 * (`terminated`) or a stream without its final line becomes `StreamInterruptedError`; JSON and schema failures
 * become `MalformedResponseError`. Anything unrecognised is returned as is (an `Error`), so it is reported as a bug.
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
    // A 404 on a call about no model (version, tags, ps) means the host is not Ollama or the path is wrong.
    if (status === 404 && context.model !== undefined) return new ModelNotFoundError(context.model, message)
    if (typeof status === 'number') return new OllamaHttpError(status, message)
  }
  if (e instanceof TypeError) {
    if (e.message === 'terminated') return new StreamInterruptedError('the connection was closed mid-answer', e)
    if (e.message === 'fetch failed') return classifyFetchFailure(e, context)
  }
  if (e instanceof SyntaxError) return new MalformedResponseError('not valid JSON', e.message, e)
  if (name === 'ZodError') return new MalformedResponseError('unexpected shape', e instanceof Error ? e.message : undefined, e)
  if (e instanceof Error) {
    if (e.message === INCOMPLETE_STREAM) return new StreamInterruptedError('the stream ended without its final line', e)
    if (e.message === 'Missing body') return new MalformedResponseError('no body')
    if (context.inStream === true && e.constructor === Error) return new OllamaStreamError(e.message)
    return e
  }
  return new Error(String(e))
}
