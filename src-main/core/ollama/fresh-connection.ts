import { OllamaUnreachableError } from './errors'
import type { FetchFn } from './http'

/**
 * The reasons (`OllamaUnreachableError.reason`, undici's cause code) that mean the connection closed under the
 * request: `UND_ERR_SOCKET` is undici's "other side closed" (a keep-alive connection the peer had closed while it
 * sat in the pool), `ECONNRESET` and `EPIPE` the same seen by the kernel. Not `ECONNREFUSED` (nothing listens: a
 * new connection fails too) and not `UND_ERR_CLOSED` (this app closed its own pool: it is shutting down).
 */
const DROPPED_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])

/** True when a call failed because its connection closed under it, not because Ollama is down or said no. */
export function isDroppedConnection(error: unknown): boolean {
  return error instanceof OllamaUnreachableError && DROPPED_CONNECTION.has(error.reason)
}

/** Where a retry gets a connection of its own (`ConnectionPools`). */
export interface FreshConnections {
  /** False once the client is closing: no new connections then. */
  readonly open: boolean
  /** Runs `send` with a `fetch` on a connection pool of its own, closed once `send` settles. */
  viaFreshPool<T>(send: (fetch: FetchFn) => Promise<T>): Promise<T>
}

/**
 * Runs `send` on the client's pooled connections and, when the connection dropped under it (`isDroppedConnection`),
 * once more on a connection of its own (`fresh.viaFreshPool`: a new undici `Agent`, so the retry cannot pick another
 * stale socket from the same pool). Only for idempotent requests (a delete that did reach Ollama answers 404 the
 * second time, which callers read as "already gone"). A second failure is thrown as it is: no loop. `fresh` is null
 * when the client was given its own `fetch` (tests), where there is no pool to step around; a client that is closing
 * opens no new connection, so the first failure stands.
 */
export async function retryOnFreshConnection<T>(
  send: (fetch?: FetchFn) => Promise<T>,
  fresh: FreshConnections | null,
): Promise<T> {
  try {
    return await send()
  } catch (error) {
    if (fresh === null || !fresh.open || !isDroppedConnection(error)) throw error
    return fresh.viaFreshPool(send)
  }
}
