import type { ErrorCode } from '../../../src-shared/ipc/result'
import { transportCodeText } from './transport-codes'

/** A transport reason as `detail`: a failure code (`UND_ERR_SOCKET`) becomes its sentence; `reason` keeps the code. */
const forPeople = (reason: string) => transportCodeText(reason) ?? reason

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
    super('OLLAMA_UNREACHABLE', `Ollama is not answering at ${host}. Is it running?`, {
      detail: forPeople(reason),
      cause,
    })
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
  constructor(
    /** The transport's reason, e.g. `UND_ERR_SOCKET`, kept for the log. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super('STREAM_INTERRUPTED', 'The connection to Ollama broke off before the answer was complete.', {
      detail: forPeople(reason),
      cause,
    })
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

/** A `num_ctx` that `parseNumCtx` (or the model's trained length) refuses; the message says the bound. */
export class InvalidNumCtxError extends OllamaEdgeError {
  override name = 'InvalidNumCtxError'
  constructor(
    message: string,
    readonly numCtx: unknown,
  ) {
    super('INVALID_NUM_CTX', message)
  }
}
