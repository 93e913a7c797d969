import type { HostStatus } from '../../../src-shared/types'
import { tooOldReason } from '../../../src-shared/versions'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import { OllamaClient } from '../ollama/client'

/** A host that does not answer within this long is reported unreachable (the check is on demand, a person waits). */
const CHECK_TIMEOUT_MS = 5_000

/** One host to check: `url` null is the default host (from `OLLAMA_HOST` or Ollama's own default). */
export interface HostToCheck {
  hostId: string
  url: string | null
  headers: Record<string, string>
}

/**
 * Asks one host for its version with a client of its own (closed at once after), and says whether it answered,
 * with which version and whether that is too old, or the failure as an error for people.
 */
export async function checkHost(
  target: HostToCheck,
  deps: { env: Record<string, string | undefined>; log: Logger },
): Promise<HostStatus> {
  const client = new OllamaClient({
    host: target.url,
    env: deps.env,
    headers: target.headers,
    requestTimeoutMs: CHECK_TIMEOUT_MS,
  })
  try {
    const version = await client.version()
    return {
      hostId: target.hostId,
      url: client.host,
      state: 'reachable',
      version,
      tooOld: tooOldReason(version),
      error: null,
    }
  } catch (error) {
    return {
      hostId: target.hostId,
      url: client.host,
      state: 'unreachable',
      version: null,
      tooOld: null,
      error: toAppError(error, deps.log, 'hosts:check'),
    }
  } finally {
    await client.close({ graceMs: 0 })
  }
}
