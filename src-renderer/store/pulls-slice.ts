import type { AppError } from '../../src-shared/ipc/result'
import type { PullProgress } from '../../src-shared/types'
import { otherHostLabel } from '../lib/host-names'
import { sameModelName } from '../lib/model-names'
import { newRequestId } from '../lib/request-id'
import { selectActiveHostAddress } from './hosts-slice'
import { createPullBookkeeping } from './pull-bookkeeping'
import {
  isRunning,
  newPull,
  PHASE_OF_OUTCOME,
  pullOnHost,
  withPullProgress,
  type Pull,
  type PullEnded,
} from './pull-progress'
import { safeCall } from './safe-call'
import type { AppState, SliceCreator } from './types'

/** Shown should main ever report a failed pull without its error: a failure must still say something. */
const UNEXPLAINED_FAILURE: AppError = { code: 'INTERNAL', message: 'The pull failed, and ollmchat was not told why.' }

/**
 * Every pull this window knows of, in the order they started, fed by `models:pullProgress` and ended by
 * `models:pullEnded` (which every window hears, whoever started the pull). Kept in the store (not in a page), so
 * pulls go on showing across page switches; `restorePulls` finds those started before a reload or in another window.
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
  /** How a pull ended (`models:pullEnded`), wherever it was started. */
  applyPullEnded: (event: PullEnded) => void
  /**
   * At start: the pulls already running (`models:activePulls`), e.g. after a reload mid-pull; their end then comes
   * as `models:pullEnded` like any other. Quiet when the core cannot say. The answer holds, per pull, the latest
   * line of each layer and then its latest line: applied in order, they give the totals and status a window that
   * watched from the start shows.
   */
  restorePulls: () => Promise<void>
  /**
   * The fallback for a missed `models:pullEnded`. Electron delivers every event, but browser mode loses those sent
   * while its event stream reconnects (and a restarted server ends its pulls without a word), which would leave an
   * adopted pull running forever. One gone from `models:activePulls` is marked `stopped`: ended, outcome unknown.
   * Pulls started here need no fallback: their `models:pull` answer says how they ended.
   */
  reconcilePulls: () => Promise<void>
}

export const createPullsSlice: SliceCreator<PullsSlice> = (bridge) => (set, get) => {
  const { find, update, hasEnded, markEnded, end, finish } = createPullBookkeeping(set, get)

  const adopt = (progress: PullProgress, now: number) =>
    set((state) => ({
      pulls: [
        ...state.pulls,
        withPullProgress(newPull(progress.requestId, progress.model, false, progress.host), progress, now),
      ],
    }))

  return {
    pulls: [],

    startPull(model) {
      const requestId = newRequestId()
      // Main pulls on the host in use, which is what this window thinks it is; main's first line says for sure.
      set((state) => ({ pulls: [...state.pulls, newPull(requestId, model, true, selectActiveHostAddress(state))] }))
      void safeCall(bridge, 'models:pull', { requestId, model }).then((result) => finish(requestId, result))
      return requestId
    },

    async cancelPull(requestId) {
      update(requestId, (pull) => ({ ...pull, phase: 'cancelling' }))
      const result = await safeCall(bridge, 'models:cancelPull', { requestId })
      const pull = find(requestId)
      // Cancelled: it stays `cancelling` until `models:pullEnded` says it stopped (or finished first).
      if (result.ok || pull?.phase !== 'cancelling') return
      update(requestId, (current) => ({ ...current, phase: 'running' }))
      get().pushToast({
        text: `The pull of ${pull.model} could not be cancelled: ${result.error.message}`,
        action: null,
      })
    },

    retryPull(requestId) {
      const pull = find(requestId)
      get().dismissPull(requestId)
      return pull ? get().startPull(pull.model) : requestId
    },

    dismissPull(requestId) {
      markEnded(requestId)
      set((state) => ({ pulls: state.pulls.filter((pull) => pull.requestId !== requestId) }))
    },

    applyPullProgress(progress) {
      if (hasEnded(progress.requestId)) return
      const now = Date.now()
      const known = get().pulls.some((pull) => pull.requestId === progress.requestId)
      if (!known) return adopt(progress, now)
      update(progress.requestId, (pull) => withPullProgress(pull, progress, now))
    },

    applyPullEnded({ requestId, model, host, outcome, error }) {
      // Not seen here yet (it failed before its first progress line, or ended while this window's
      // `models:activePulls` answer was on its way): it still shows how it ended. Dismissed here, it stays gone.
      if (find(requestId) === undefined) {
        if (hasEnded(requestId)) return
        set((state) => ({ pulls: [...state.pulls, newPull(requestId, model, false, host)] }))
      } else {
        // One started here that ended before its first line had only this window's guess of its host.
        update(requestId, (pull) => ({ ...pull, host }))
      }
      end(requestId, PHASE_OF_OUTCOME[outcome], outcome === 'failed' ? (error ?? UNEXPLAINED_FAILURE) : null)
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
      // Not `done` just because the model is installed: a cancelled re-pull of an installed model would say so too.
      for (const pull of adopted) {
        if (!running.has(pull.requestId)) end(pull.requestId, 'stopped')
      }
    },
  }
}

/** The pulls running now (for the sidebar's indicator). Filter in a `useMemo`: a new array each time. */
export const runningPulls = (pulls: readonly Pull[]): Pull[] => pulls.filter(isRunning)

/** What the Downloads list shows: every pull but one the core refused before it began (the field says why). */
export const listedPulls = (pulls: readonly Pull[]): Pull[] => pulls.filter((pull) => pull.phase !== 'refused')

/**
 * The running pull of a model on the host in use, if any: a second pull of it there is refused by the field. One
 * on another host does not count, as main pulls a model on each host on its own.
 */
export const selectRunningPullOf =
  (model: string) =>
  (state: AppState): Pull | undefined => {
    const host = selectActiveHostAddress(state)
    return state.pulls.find((pull) => isRunning(pull) && sameModelName(pull.model, model) && pullOnHost(pull, host))
  }

/** The host a pull runs on (its name, else its address) when that is not the host in use, else `null`. */
export const selectPullElsewhere =
  (pull: Pull) =>
  (state: AppState): string | null =>
    otherHostLabel(pull.host, selectActiveHostAddress(state), state.settings.hosts)

/** A pull by its request id. */
export const selectPull =
  (requestId: string | null) =>
  (state: AppState): Pull | undefined =>
    requestId === null ? undefined : state.pulls.find((pull) => pull.requestId === requestId)
