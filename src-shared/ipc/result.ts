/**
 * Every IPC call answers with a `Result`: expected failures travel as values with a code and a
 * sentence for people, because Electron's `ipcMain.handle` would reduce a thrown error to its message.
 */

/**
 * Machine-readable failure codes shared by main, preload, browser mode and renderer. The list is the one source of
 * truth: `ErrorCode` is derived from it, and main recognises a thrown error's code only if it is listed here.
 */
export const ERROR_CODES = [
  /** The renderer sent input that failed validation in main. */
  'INVALID_INPUT',
  /** A `num_ctx` value outside what the model accepts. */
  'INVALID_NUM_CTX',
  /** Nothing answered at the Ollama host (refused, DNS, reset, timeout). */
  'OLLAMA_UNREACHABLE',
  /** Ollama answered 404 for the model. */
  'MODEL_NOT_FOUND',
  /** Ollama answered with an HTTP error; `detail` holds Ollama's own message. */
  'OLLAMA_ERROR',
  /** An `{"error": …}` line arrived in the middle of a streamed reply. */
  'OLLAMA_STREAM_ERROR',
  /** The connection dropped or the stream ended without its final line. */
  'STREAM_INTERRUPTED',
  /** Ollama sent nothing for the time the Settings allow (`replyIdleMinutes`), so the reply was stopped. */
  'OLLAMA_SILENT',
  /** Ollama answered something that is not what its API documents. */
  'MALFORMED_RESPONSE',
  /** The model cannot take this option (for example `num_ctx` on a cloud model). */
  'NOT_APPLICABLE',
  /** The message (with the system prompt) is longer than the context the model runs with. */
  'PROMPT_TOO_LONG',
  /** Ollama could not load the model at this context: not enough memory. */
  'OUT_OF_MEMORY',
  /** The model cannot chat (an embedding model: no `completion` capability). */
  'CANNOT_CHAT',
  /** A cloud model needs the user to sign in to ollama.com (Ollama sent the link). */
  'SIGN_IN_REQUIRED',
  /** The user (or shutdown) stopped the operation. */
  'CANCELLED',
  /** A conversation or message id that does not exist (or no longer exists). */
  'NOT_FOUND',
  /** The conversation already has a reply in progress. */
  'BUSY',
  /** The caller is not the app's own window or page. */
  'FORBIDDEN',
  /** A bug: logged with its stack in main, reported with a generic sentence. */
  'INTERNAL',
] as const

/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Something the window can offer to fix a failure in one click. */
export type ErrorAction =
  /** Use another context length for a model from the next message on. */
  | { kind: 'set-num-ctx'; model: string; numCtx: number; label: string }
  /** Open an https page of ollama.com in the browser (e.g. the sign-in link Ollama sent). */
  | { kind: 'open-link'; url: string; label: string }

/** A failure as the renderer sees it: never a stack trace. */
export interface AppError {
  code: ErrorCode
  /** One sentence a person can act on. */
  message: string
  /** Extra facts worth showing on demand, e.g. Ollama's own error text. */
  detail?: string
  /** A one-click fix, when there is one. */
  action?: ErrorAction
}

/** The answer to every request channel. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Wraps a value as a successful `Result`. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** Builds a failed `Result`; `detail` is omitted when not given. */
export function fail<T = never>(code: ErrorCode, message: string, detail?: string): Result<T> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } }
}
