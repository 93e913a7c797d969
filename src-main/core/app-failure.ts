import type { ErrorAction, ErrorCode } from '../../src-shared/ipc/result'

/**
 * An expected failure raised by the core's own services (a missing conversation, a busy one, bad input that
 * passed the schema but not the domain rules). `dispatch` turns it into a typed `Result` for the renderer with
 * this code and message (and `detail` and the one-click `action` when given). `INTERNAL` is not allowed: that code
 * is reserved for bugs.
 */
export class AppFailure extends Error {
  override readonly name = 'AppFailure'
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL'>,
    message: string,
    readonly detail?: string,
    readonly action?: ErrorAction,
  ) {
    super(message)
  }
}
