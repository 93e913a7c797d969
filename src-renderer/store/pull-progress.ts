import type { EventMap } from '../../src-shared/ipc/contract'
import type { AppError } from '../../src-shared/ipc/result'
import type { PullProgress } from '../../src-shared/types'
import { sameHost } from '../lib/host-names'

/**
 * Where a pull stands. `refused`: the core refused it before sending anything, an invalid name or a model already
 * being pulled (shown by the field, not in Downloads). `stopped`: a pull this window did not start is gone from the
 * core's running pulls, but this window missed the `models:pullEnded` that says how it ended (see `reconcilePulls`).
 */
export type PullPhase = 'running' | 'cancelling' | 'cancelled' | 'done' | 'failed' | 'refused' | 'stopped'

/** What main tells every window when a pull ends. */
export type PullEnded = EventMap['models:pullEnded']

/** The phase each outcome of `models:pullEnded` leaves a pull in. */
export const PHASE_OF_OUTCOME = {
  complete: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
} as const satisfies Record<PullEnded['outcome'], PullPhase>

/** Bytes received by a moment, for the speed over the last few seconds. */
export interface PullSample {
  at: number
  bytes: number
}

export interface Pull {
  requestId: string
  model: string
  /**
   * The Ollama it runs on, as main names it (`PullProgress.host`): main runs one pull of a model per host, so the
   * same model may be pulling on two. A pull started here has the host in use then until main's first word;
   * `null` when that was not known yet.
   */
  host: string | null
  /** Ollama's latest status text, e.g. `pulling 6a0746a1ec1a` (untrusted: shown as plain text). */
  status: string
  /** Every layer seen so far, keyed by digest. Layers Ollama has not started yet are unknown. */
  layers: Record<string, { completed: number; total: number }>
  /** Ollama moved past the layers (verifying, writing the manifest): the total is final. */
  layersComplete: boolean
  /** Bytes received in this window's sight; a resumed layer's bytes already on disk do not count as speed. */
  received: number
  samples: PullSample[]
  phase: PullPhase
  error: AppError | null
  /**
   * This window started it, so its `models:pull` call reports how it ends. Otherwise it was adopted: started
   * in another window or before a reload, seen through `models:activePulls` or its progress events.
   */
  own: boolean
}

/** The speed is measured over this much of the recent past. */
export const SPEED_WINDOW_MS = 5000

export function newPull(requestId: string, model: string, own: boolean, host: string | null): Pull {
  return {
    requestId,
    model,
    host,
    status: 'starting',
    layers: {},
    layersComplete: false,
    received: 0,
    samples: [],
    phase: 'running',
    error: null,
    own,
  }
}

/** True while the pull runs (a cancel asked for counts as running until Ollama stops). */
export const isRunning = (pull: Pull): boolean => pull.phase === 'running' || pull.phase === 'cancelling'

/**
 * True while how the pull ended is still to be learnt: it runs, or it ended without this window hearing how
 * (`stopped`), which a late `models:pullEnded` may still put right. Once known, an outcome does not change.
 */
export const awaitsOutcome = (pull: Pull): boolean => isRunning(pull) || pull.phase === 'stopped'

/**
 * True when the pull runs on `host` (the host in use). Either one not known yet counts as the same: that only
 * withholds a label, or a second pull main would refuse anyway if it were a clash.
 */
export const pullOnHost = (pull: Pull, host: string | null): boolean =>
  pull.host === null || host === null || sameHost(pull.host, host)

/** One progress line folded into a pull: its host, the layer's bytes, Ollama's status text, a speed sample. */
export function withPullProgress(pull: Pull, progress: PullProgress, now: number): Pull {
  const next: Pull = { ...pull, host: progress.host, status: progress.status }
  if (progress.digest !== null && progress.total !== null && progress.total > 0) {
    const previous = pull.layers[progress.digest]
    const completed = Math.min(progress.completed ?? 0, progress.total)
    // A layer seen for the first time may already be partly on disk (a resumed pull): that is no speed.
    if (previous !== undefined) next.received = pull.received + Math.max(0, completed - previous.completed)
    next.layers = { ...pull.layers, [progress.digest]: { completed, total: progress.total } }
    next.samples = [
      ...pull.samples.filter((sample) => sample.at >= now - SPEED_WINDOW_MS),
      { at: now, bytes: next.received },
    ]
  } else if (
    progress.digest === null &&
    Object.keys(pull.layers).length > 0 &&
    !/^pulling manifest/i.test(progress.status)
  ) {
    next.layersComplete = true
  }
  return next
}

export interface PullTotals {
  done: number
  /** The bytes of the layers seen so far; more may come unless `final`. */
  total: number
  final: boolean
  /** 0–100, or `null` before the first layer. */
  percent: number | null
}

/**
 * No byte is on its way: Ollama moved past the layers (verifying, writing the manifest, success), or every layer
 * seen so far is complete (the next one, if any, has not started).
 */
export function pullLayersDone(pull: Pull): boolean {
  const layers = Object.values(pull.layers)
  return pull.layersComplete || (layers.length > 0 && layers.every((layer) => layer.completed >= layer.total))
}

export function pullTotals(pull: Pull): PullTotals {
  let done = 0
  let total = 0
  for (const layer of Object.values(pull.layers)) {
    done += layer.completed
    total += layer.total
  }
  // Ollama sends no last line when a layer finishes (`blobDownload.Wait` just returns), so the last one seen is
  // usually short of its total; once Ollama has moved past the layers, every one of them is in.
  if (pull.layersComplete) done = total
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null
  return { done, total, final: pull.layersComplete, percent }
}

/**
 * Bytes per second over the last few seconds, or `null` until there is a second's worth to measure, and once the
 * layers are done: nothing flows then (verifying a big model takes a while), and the last speed would be stale.
 */
export function pullSpeed(pull: Pull): number | null {
  if (pullLayersDone(pull)) return null
  const first = pull.samples[0]
  const last = pull.samples.at(-1)
  if (first === undefined || last === undefined || last.at - first.at < 1000) return null
  return ((last.bytes - first.bytes) * 1000) / (last.at - first.at)
}

/** Seconds until the layers seen so far are in (a lower bound while more layers may come), or `null`. */
export function pullSecondsLeft(pull: Pull): number | null {
  const speed = pullSpeed(pull)
  const { done, total } = pullTotals(pull)
  if (speed === null || speed <= 0 || total === 0) return null
  return Math.max(0, (total - done) / speed)
}
