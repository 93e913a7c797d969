import type { AppError } from '../../../src-shared/ipc/result'
import type { OllamaStatus } from '../../../src-shared/types'
import { tooOldReason } from '../../../src-shared/versions'

/** The three verdicts the status monitor publishes about `host`, each stamped with when it was reached. */

export const checkingStatus = (host: string, at: Date): OllamaStatus => ({
  state: 'checking',
  host,
  version: null,
  error: null,
  tooOld: null,
  checkedAt: at.toISOString(),
})

export const reachableStatus = (host: string, version: string, at: Date): OllamaStatus => ({
  state: 'reachable',
  host,
  version,
  error: null,
  tooOld: tooOldReason(version),
  checkedAt: at.toISOString(),
})

export const unreachableStatus = (host: string, error: AppError, at: Date): OllamaStatus => ({
  state: 'unreachable',
  host,
  version: null,
  error,
  tooOld: null,
  checkedAt: at.toISOString(),
})

/** Whether a new status is news worth pushing: a change of state, host or version (not the stamp, which every check renews). */
export const verdictChanged = (before: OllamaStatus, after: OllamaStatus): boolean =>
  after.state !== before.state || after.host !== before.host || after.version !== before.version
