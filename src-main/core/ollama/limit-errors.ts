import { isRecord } from '../guards'
import { OllamaEdgeError } from './errors'
import { isCloudModelName } from './model-name'

/**
 * The failures Ollama reports when a model meets a limit: the context, memory, capabilities, the cloud sign-in.
 * Ollama sends each as an HTTP status plus an English `error` text, so they are recognised here from that text,
 * each pinned by a test against the exact string the Go source produces. The errors carry the facts; the chat
 * flow turns them into sentences with the model's name and the numbers that matter.
 */

/**
 * The prompt does not fit the context the runner has. Two texts (`/work/shared/ollama-api-notes.md` §18):
 * llama-server's own JSON relayed by Ollama's native chat path (`llm/llama_server.go` `statusErrorMessage`:
 * `{"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), …",
 * "type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}`), and the rendered path with context
 * shift off (`completionPromptForRequest`: `the prompt is longer than the context length currently available to
 * the model; …`), which gives no numbers.
 */
export class ContextOverflowError extends OllamaEdgeError {
  override name = 'ContextOverflowError'
  constructor(
    /** Tokens of the prompt Ollama tried, when it said. */
    readonly promptTokens: number | null,
    /** The context it had, when it said. */
    readonly contextTokens: number | null,
    readonly ollamaMessage: string,
  ) {
    super('PROMPT_TOO_LONG', 'The message is longer than the context the model runs with.', { detail: ollamaMessage })
  }
}

/** The model could not be loaded: not enough memory at this context (`WaitUntilRunning`, HTTP 500). */
export class OutOfMemoryError extends OllamaEdgeError {
  override name = 'OutOfMemoryError'
  constructor(readonly ollamaMessage: string) {
    super('OUT_OF_MEMORY', 'Ollama ran out of memory loading the model.', { detail: ollamaMessage })
  }
}

/** The model has no `completion` capability (an embedding model): `"all-minilm:latest" does not support chat`. */
export class CannotChatError extends OllamaEdgeError {
  override name = 'CannotChatError'
  constructor(
    readonly model: string,
    readonly ollamaMessage: string,
  ) {
    super('CANNOT_CHAT', `${model} cannot chat: it is an embedding model. Pick a chat model for this conversation.`, {
      detail: ollamaMessage,
    })
  }
}

/** A cloud model while signed out of ollama.com: 401 with the link Ollama wants the user to open. */
export class SignInRequiredError extends OllamaEdgeError {
  override name = 'SignInRequiredError'
  constructor(readonly signinUrl: string | null) {
    super('SIGN_IN_REQUIRED', 'This is a cloud model: sign in to ollama.com in Ollama to use it.')
  }
}

/** `llama-server reported out-of-memory during startup: …` and llama.cpp's allocation failures (`llm/status.go`). */
const OUT_OF_MEMORY_TEXTS = [
  'out of memory',
  'out-of-memory',
  'out of device memory',
  'cudamalloc failed',
  'hipmalloc failed',
  'failed to allocate',
  'allocation failed',
  'not enough memory',
  'insufficient memory',
  'vk_error_out_of_device_memory',
  'erroroutofmemory',
]

const PROMPT_TOO_LONG_RENDERED = 'the prompt is longer than the context length'
const AVAILABLE_CONTEXT = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/

/**
 * Reads llama-server's exceed-context JSON (possibly nested as a string in Ollama's `error`); `null` otherwise.
 * `text` is its readable sentence, so raw JSON never reaches the window, not even as a detail.
 */
function readExceedContext(
  message: string,
): { promptTokens: number | null; contextTokens: number | null; text: string } | null {
  let inner: unknown
  try {
    inner = JSON.parse(message)
  } catch {
    inner = null
  }
  const error = isRecord(inner) ? inner.error : undefined
  if (isRecord(error) && error.type === 'exceed_context_size_error') {
    const prompt = error.n_prompt_tokens
    const ctx = error.n_ctx
    return {
      promptTokens: typeof prompt === 'number' && prompt > 0 ? prompt : null,
      contextTokens: typeof ctx === 'number' && ctx > 0 ? ctx : null,
      text: typeof error.message === 'string' && error.message !== '' ? error.message : message,
    }
  }
  const match = AVAILABLE_CONTEXT.exec(message)
  return match === null ? null : { promptTokens: Number(match[1]), contextTokens: Number(match[2]), text: message }
}

/**
 * The limit error an HTTP status and Ollama's `error` text stand for, or `null` for any other error. `model` is the
 * model the request named (for the capability message).
 */
export function limitErrorFor(status: number, message: string, model: string | undefined): OllamaEdgeError | null {
  const lower = message.toLowerCase()
  if (status === 400) {
    const exceed = readExceedContext(message)
    if (exceed !== null) return new ContextOverflowError(exceed.promptTokens, exceed.contextTokens, exceed.text)
    if (lower.startsWith(PROMPT_TOO_LONG_RENDERED)) return new ContextOverflowError(null, null, message)
    if (model !== undefined && lower.endsWith('does not support chat')) return new CannotChatError(model, message)
  }
  if (status === 500 && OUT_OF_MEMORY_TEXTS.some((text) => lower.includes(text))) return new OutOfMemoryError(message)
  // Only a cloud model's 401 is about ollama.com; one from a proxy in front of Ollama is an ordinary HTTP error.
  if (status === 401 && model !== undefined && isCloudModelName(model)) return new SignInRequiredError(null)
  return null
}

/** The failures `explainLimitFailure` puts in words: a context too small, memory, a cloud sign-in. */
export const isLimitError = (error: unknown): error is ContextOverflowError | OutOfMemoryError | SignInRequiredError =>
  error instanceof ContextOverflowError || error instanceof OutOfMemoryError || error instanceof SignInRequiredError
