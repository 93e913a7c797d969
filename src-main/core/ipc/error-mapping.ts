import { ERROR_CODES, type AppError, type ErrorAction, type ErrorCode } from '../../../src-shared/ipc/result'
import { messageOf } from '../guards'
import type { Logger } from '../log'

/**
 * Codes a thrown error may carry to the renderer: every listed code except `INTERNAL`, which is never taken from
 * an error (one claiming it is a bug like any other, and gets logged as one).
 */
const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>(ERROR_CODES.filter((code) => code !== 'INTERNAL'))

/** Expected failures (`AppFailure`, the Ollama edge errors) carry a code and sometimes extra facts in `detail`. */
interface CodedError extends Error {
  code: ErrorCode
  detail?: string
  action?: ErrorAction
}

const isCodedError = (error: unknown): error is CodedError =>
  error instanceof Error &&
  typeof (error as { code?: unknown }).code === 'string' &&
  KNOWN_CODES.has((error as CodedError).code)

/**
 * The one mapping from anything thrown inside the core to what the renderer may see. Expected failures keep
 * their code and message (and `detail` when it adds something); anything else is a bug: logged with its stack,
 * reported as INTERNAL without one.
 */
export function toAppError(error: unknown, log: Logger, context: string): AppError {
  if (isCodedError(error)) {
    const { detail, action } = error
    return {
      code: error.code,
      message: error.message,
      ...(detail === undefined || detail === error.message ? {} : { detail }),
      ...(action === undefined ? {} : { action }),
    }
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'Stopped.' }
  }
  log.error(`unexpected failure in ${context}`, {
    error: messageOf(error),
    stack: error instanceof Error ? error.stack : undefined,
  })
  const where = log.file === undefined ? 'its log' : `its log: ${log.file}`
  return { code: 'INTERNAL', message: `Something went wrong inside ollmchat. The details are in ${where}.` }
}
