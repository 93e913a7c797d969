import type { AppError, ErrorCode } from '../../src-shared/ipc/result'

/**
 * An expected failure raised by the core's own services (a missing conversation, a busy one, bad input that
 * passed the schema but not the domain rules). `dispatch` turns it into a typed `Result` for the renderer.
 */
export class AppFailure extends Error {
  override readonly name = 'AppFailure'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message)
  }

  toAppError(): AppError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail }
  }
}
