import type { Result } from '../../src-shared/ipc/result'
import type { PullOutcome, PullProgress } from '../../src-shared/types'
import { sameModelName } from '../lib/model-names'
import { newRequestId } from '../lib/request-id'
import { isRunning, newPull, withPullProgress, type Pull, type PullPhase } from './pull-progress'
import { safeCall } from './safe-call'
import type { AppState, SliceCreator } from './types'

/** How long a finished pull says so before it leaves the Downloads list. */
export const FINISHED_PULL_MS = 5000

/**
 * Every pull this window knows of, in the order they started, fed by `models:pullProgress`. Kept in the store
 * (not in a page), so pulls go on showing across page switches; `restorePulls` finds those started before a
 * reload or in another window.
 */
export interface PullsSlice {
  pulls: Pull[]
  /** Starts pulling `model` (already checked by the field); resolves with the pull's request id at once. */
  startPull: (model: string) => string
  cancelPull: (requestId: string) => Promise<void>
  /** Pulls the same model again (after a failure or a cancel): Ollama resumes from the layers it kept. */
  retryPull: (requestId: string) => string
  dismissPull: (requestId: string) => void
  applyPullProgress: (progress: PullProgress) => void
  /** At start: the pulls already running (`models:activePulls`). Quiet when the core cannot say. */
  restorePulls: () => Promise<void>
  /**
   * Ends adopted pulls that no longer run: their `models:pull` answer goes to whoever started them, so this
   * window learns of their end only by their absence from `models:activePulls`.
   */
  reconcilePulls: () => Promise<void>
}

export const createPullsSlice: SliceCreator<PullsSlice> = (bridge) => (set, get) => {
  // Late progress for a pull that has ended must not bring it back as a new, adopted one.
  const ended = new Set<string>()

  const update = (requestId: string, change: (pull: Pull) => Pull) =>
    set((state) => ({ pulls: state.pulls.map((pull) => (pull.requestId === requestId ? change(pull) : pull)) }))

  const end = (requestId: string, phase: PullPhase, error: Pull['error'] = null) => {
    ended.add(requestId)
    update(requestId, (pull) => ({ ...pull, phase, error }))
    if (phase === 'done') setTimeout(() => get().dismissPull(requestId), FINISHED_PULL_MS)
  }

  const finish = (requestId: string, result: Result<PullOutcome>) => {
    if (result.ok) return end(requestId, result.value.cancelled ? 'cancelled' : 'done')
    const { error } = result
    if (error.code === 'CANCELLED') return end(requestId, 'cancelled')
    // Refused before anything was sent (not a model name, or already being pulled): the field says so, in words.
    const pull = get().pulls.find((candidate) => candidate.requestId === requestId)
    const nothingArrived = pull !== undefined && Object.keys(pull.layers).length === 0
    const refusal = error.code === 'INVALID_INPUT' || error.code === 'BUSY'
    end(requestId, refusal && nothingArrived ? 'refused' : 'failed', error)
  }

  const adopt = (progress: PullProgress, now: number) =>
    set((state) => ({ pulls: [...state.pulls, withPullProgress(newPull(progress.requestId, progress.model, false), progress, now)] }))

  return {
    pulls: [],

    startPull(model) {
      const requestId = newRequestId()
      set((state) => ({ pulls: [...state.pulls, newPull(requestId, model, true)] }))
      void safeCall(bridge, 'models:pull', { requestId, model }).then((result) => finish(requestId, result))
      return requestId
    },

    async cancelPull(requestId) {
      update(requestId, (pull) => ({ ...pull, phase: 'cancelling' }))
      const result = await safeCall(bridge, 'models:cancelPull', { requestId })
      const pull = get().pulls.find((candidate) => candidate.requestId === requestId)
      if (pull?.phase !== 'cancelling') return
      if (!result.ok) {
        update(requestId, (current) => ({ ...current, phase: 'running' }))
        get().pushToast({ text: `The pull of ${pull.model} could not be cancelled: ${result.error.message}`, action: null })
        return
      }
      // The one who started it hears "cancelled" from `models:pull`; an adopted pull has nobody waiting for that.
      if (!pull.own) end(requestId, 'cancelled')
    },

    retryPull(requestId) {
      const pull = get().pulls.find((candidate) => candidate.requestId === requestId)
      get().dismissPull(requestId)
      return pull ? get().startPull(pull.model) : requestId
    },

    dismissPull(requestId) {
      ended.add(requestId)
      set((state) => ({ pulls: state.pulls.filter((pull) => pull.requestId !== requestId) }))
    },

    applyPullProgress(progress) {
      if (ended.has(progress.requestId)) return
      const now = Date.now()
      const known = get().pulls.some((pull) => pull.requestId === progress.requestId)
      if (!known) return adopt(progress, now)
      update(progress.requestId, (pull) => withPullProgress(pull, progress, now))
      // The last line of a pull (Ollama's `success`, or the core's `cancelled`) ends a pull nobody here waits for;
      // whoever started it hears the end from `models:pull` instead.
      const pull = get().pulls.find((candidate) => candidate.requestId === progress.requestId)
      const last = progress.status.trim().toLowerCase()
      if (pull && !pull.own && (last === 'success' || last === 'cancelled')) {
        end(progress.requestId, last === 'success' ? 'done' : 'cancelled')
      }
    },

    async restorePulls() {
      const result = await safeCall(bridge, 'models:activePulls', {})
      if (!result.ok) return
      for (const progress of result.value.pulls) get().applyPullProgress(progress)
    },

    async reconcilePulls() {
      const adopted = get().pulls.filter((pull) => !pull.own && isRunning(pull))
      if (adopted.length === 0) return
      const result = await safeCall(bridge, 'models:activePulls', {})
      if (!result.ok) return
      const running = new Set(result.value.pulls.map((progress) => progress.requestId))
      for (const pull of adopted) {
        if (running.has(pull.requestId)) continue
        const installed = get().models.some((model) => sameModelName(model.name, pull.model))
        end(pull.requestId, installed ? 'done' : 'stopped')
      }
    },
  }
}

/** The pulls running now (for the sidebar's indicator). Filter in a `useMemo`: a new array each time. */
export const runningPulls = (pulls: readonly Pull[]): Pull[] => pulls.filter(isRunning)

/** What the Downloads list shows: every pull but one the core refused before it began (the field says why). */
export const listedPulls = (pulls: readonly Pull[]): Pull[] => pulls.filter((pull) => pull.phase !== 'refused')

/** The running pull of a model, if any (a second pull of it is refused by the field). */
export const selectRunningPullOf =
  (model: string) =>
  (state: AppState): Pull | undefined =>
    state.pulls.find((pull) => isRunning(pull) && sameModelName(pull.model, model))

/** A pull by its request id. */
export const selectPull =
  (requestId: string | null) =>
  (state: AppState): Pull | undefined =>
    requestId === null ? undefined : state.pulls.find((pull) => pull.requestId === requestId)
