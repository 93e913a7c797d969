import { Agent, fetch as undiciFetch } from 'undici'
import { isRecord } from '../guards'
import { SignInRequiredError } from './limit-errors'

/** The fetch signature ollama-js accepts. */
export type FetchFn = typeof fetch

/**
 * Undici's defaults end any request whose headers take over 300 s (`UND_ERR_HEADERS_TIMEOUT`), and a chat only
 * sends headers after the model has loaded and read the prompt, which can take longer on big models. Ollama's
 * own client has no such limit; cancelling is the user's job (and short calls get their own timeout).
 */
export const AGENT_OPTIONS = { headersTimeout: 0, bodyTimeout: 0 } as const

/** A connection pool without undici's 300 s header and body timeouts (`timeouts` can shorten them, for tests). */
export function createOllamaAgent(timeouts: { headersTimeout?: number; bodyTimeout?: number } = {}): Agent {
  return new Agent({ ...AGENT_OPTIONS, ...timeouts })
}

/** A `fetch` that sends every request through `agent` (undici's own fetch: the global one ignores foreign agents). */
export function agentFetch(agent: Agent): FetchFn {
  // undici's Response type differs from the global one in details only the DOM lib sees; the object is the same.
  const viaAgent = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    const response: unknown = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })
    return response as Response
  }
  return viaAgent
}

const mergeSignals = (signals: (AbortSignal | null | undefined)[]): AbortSignal | undefined => {
  const present = signals.filter((s): s is AbortSignal => s !== null && s !== undefined)
  if (present.length === 0) return undefined
  return present.length === 1 ? present[0] : AbortSignal.any(present)
}

/**
 * The message of an error answer: Ollama's `{"error": "…"}`, else the body's text (proxies and unknown routes answer
 * plain text), else `Error <status>: <statusText>` (the text ollama-js gave such an answer before). A 401 that carries
 * Ollama's `signin_url` (a cloud model while signed out) is thrown as `SignInRequiredError`, with the link.
 */
export async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  let message = text.trim() === '' ? null : text.trim()
  try {
    const parsed: unknown = JSON.parse(text)
    const error = isRecord(parsed) ? parsed.error : undefined
    message = typeof error === 'string' && error !== '' ? error : message
    const signinUrl = isRecord(parsed) ? parsed.signin_url : undefined
    if (response.status === 401 && typeof signinUrl === 'string') throw new SignInRequiredError(signinUrl)
  } catch (error) {
    if (error instanceof SignInRequiredError) throw error
    // Not JSON: the text itself is the message.
  }
  return message ?? `Error ${response.status}: ${response.statusText}`
}

/**
 * An error answer rewritten as `{"error": message}` (`readErrorMessage`), so ollama-js reads it without logging
 * `Getting text from response` to the console and keeps the message.
 */
async function normalizeErrorResponse(response: Response): Promise<Response> {
  return new Response(JSON.stringify({ error: await readErrorMessage(response) }), {
    status: response.status,
    statusText: response.statusText,
    headers: { 'content-type': 'application/json' },
  })
}

/**
 * Wraps `base` for one ollama-js call: every request carries `signal` (so a call can be cancelled and timed out,
 * which ollama-js alone cannot do for its JSON calls), and error bodies are normalised to JSON.
 */
export function callFetch(base: FetchFn, options: { signal?: AbortSignal | undefined }): FetchFn {
  const wrapped = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    const signal = mergeSignals([options.signal, init?.signal])
    const response = await base(input, signal === undefined ? init : { ...init, signal })
    return response.ok ? response : normalizeErrorResponse(response)
  }
  return wrapped
}
