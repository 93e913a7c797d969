import type { AppError } from '../../../src-shared/ipc/result'
import type { AppFailure } from '../app-failure'
import type { ReplyContext, SentReply } from '../context/reply-context'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import { OllamaUnreachableError } from '../ollama/errors'

/** How a reply that threw is saved: stopped (its partial text kept), or failed with an error in words. */
export interface ReplyFailure {
  status: 'cancelled' | 'error'
  error: AppError
}

/**
 * Turns what a reply threw into what it is saved with. A failure (not a stop) is logged and reported through
 * `onOllamaError`, with the host it ran against, so the Ollama status can flip to unreachable at once.
 */
export async function replyFailure(input: {
  caught: unknown
  /** Set once the idle watch ended the reply: that, not the abort it caused, is what went wrong. */
  idleFailure: AppFailure | null
  /** What was sent, once the request was made: what Ollama says about a limit is read against it. */
  sent: SentReply | undefined
  replyContext: ReplyContext
  log: Logger
  conversationId: string
  /** The model that served the reply (a temporary model), or the conversation's when none was picked yet. */
  model: string
  host: string
  onOllamaError?(error: AppError, host: string): void
}): Promise<ReplyFailure> {
  const { caught, log } = input
  // The reply's own signal may be aborted by now: what Ollama says about a limit is read without it (bounded).
  const explained =
    input.idleFailure ??
    (input.sent === undefined ? caught : await input.replyContext.explainFailure(caught, input.sent))
  const error = toAppError(explained, log, 'chat reply')
  const status = error.code === 'CANCELLED' ? 'cancelled' : 'error'
  if (status === 'error') {
    // `detail` is the sentence the window shows; a transport failure's own code (`reason`) is what a debugger needs.
    const reason = (caught as { reason?: unknown } | null)?.reason
    log.warn('reply failed', {
      conversationId: input.conversationId,
      model: input.model,
      code: error.code,
      detail: error.detail,
      reason,
    })
    input.onOllamaError?.(error, caught instanceof OllamaUnreachableError ? caught.host : input.host)
  }
  return { status, error }
}
