import type { AppError, ErrorCode } from '../../../src-shared/ipc/result'
import { AppFailure } from '../app-failure'
import type { Logger } from '../log'

const KNOWN_CODES = new Set<ErrorCode>([
  'INVALID_INPUT',
  'INVALID_NUM_CTX',
  'OLLAMA_UNREACHABLE',
  'MODEL_NOT_FOUND',
  'OLLAMA_ERROR',
  'OLLAMA_STREAM_ERROR',
  'STREAM_INTERRUPTED',
  'MALFORMED_RESPONSE',
  'NOT_APPLICABLE',
  'CANCELLED',
  'NOT_FOUND',
  'BUSY',
  'FORBIDDEN',
])

/** Errors of the Ollama edge carry a code and sometimes Ollama's own text; this is their common shape. */
interface CodedError extends Error {
  code: ErrorCode
  ollamaMessage?: string
  detail?: string
}

const isCodedError = (error: unknown): error is CodedError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && KNOWN_CODES.has((error as CodedError).code)

/**
 * The one mapping from anything thrown inside the core to what the renderer may see. Expected failures keep
 * their code and message; anything else is a bug: logged with its stack, reported as INTERNAL without one.
 */
export function toAppError(error: unknown, log: Logger, context: string): AppError {
  if (error instanceof AppFailure) return error.toAppError()
  if (isCodedError(error)) {
    const detail = error.ollamaMessage ?? error.detail
    return detail === undefined || detail === error.message
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, detail }
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'Stopped.' }
  }
  log.error(`unexpected failure in ${context}`, {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  })
  return { code: 'INTERNAL', message: 'Something went wrong inside ollmchat. The details are in its log.' }
}
