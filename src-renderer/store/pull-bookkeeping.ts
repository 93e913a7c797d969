import type { Result } from '../../src-shared/ipc/result'
import type { PullOutcome } from '../../src-shared/types'
import { awaitsOutcome, type Pull, type PullPhase } from './pull-progress'
import type { GetAppState, SetAppState } from './types'

/** How long a finished pull says so before it leaves the Downloads list. */
export const FINISHED_PULL_MS = 5000

/** What the pulls slice's actions share: finding and changing a pull, and ending it once, however its end is heard. */
export interface PullBookkeeping {
  find: (requestId: string) => Pull | undefined
  update: (requestId: string, change: (pull: Pull) => Pull) => void
  /** Whether the pull ended or was dismissed here: such a pull must not come back. */
  hasEnded: (requestId: string) => boolean
  markEnded: (requestId: string) => void
  end: (requestId: string, phase: PullPhase, error?: Pull['error']) => void
  /** Ends a pull started here as its `models:pull` answer says. */
  finish: (requestId: string, result: Result<PullOutcome>) => void
}

export function createPullBookkeeping(set: SetAppState, get: GetAppState): PullBookkeeping {
  // Late progress (or a late `models:activePulls` answer) for a pull that has ended or been dismissed must not bring
  // it back as a new, adopted one.
  const ended = new Set<string>()

  const find = (requestId: string) => get().pulls.find((pull) => pull.requestId === requestId)

  const update = (requestId: string, change: (pull: Pull) => Pull) =>
    set((state) => ({ pulls: state.pulls.map((pull) => (pull.requestId === requestId ? change(pull) : pull)) }))

  // A pull started here hears its end twice (the event and its `models:pull` answer): the first word counts.
  const end = (requestId: string, phase: PullPhase, error: Pull['error'] = null) => {
    ended.add(requestId)
    const pull = find(requestId)
    if (pull === undefined || !awaitsOutcome(pull)) return
    update(requestId, (current) => ({ ...current, phase, error }))
    if (phase === 'done') setTimeout(() => get().dismissPull(requestId), FINISHED_PULL_MS)
  }

  const finish = (requestId: string, result: Result<PullOutcome>) => {
    if (result.ok) return end(requestId, result.value.cancelled ? 'cancelled' : 'done')
    const { error } = result
    if (error.code === 'CANCELLED') return end(requestId, 'cancelled')
    // Refused before anything was sent (not a model name, or already being pulled): the field says so, in words.
    // Main sends no `models:pullEnded` for a refusal, as the pull never began.
    const pull = find(requestId)
    const nothingArrived = pull !== undefined && Object.keys(pull.layers).length === 0
    const refusal = error.code === 'INVALID_INPUT' || error.code === 'BUSY'
    end(requestId, refusal && nothingArrived ? 'refused' : 'failed', error)
  }

  return {
    find,
    update,
    hasEnded: (requestId) => ended.has(requestId),
    markEnded: (requestId) => void ended.add(requestId),
    end,
    finish,
  }
}
