import {
  flooredNumCtx,
  nextLowerAutoNumCtx,
  requestedNumCtx,
  resolveContextShift,
  runnerNumCtx,
} from './context-window'
import type { NumCtxRequest } from './context-window'
import { delay } from './http'
import type { StoredModel } from './manifest'
import { fitsInMemory, footprint, loadOomError } from './memory'
import type { Runner } from './runners'
import type { SimState } from './state'

/** What a chat/generate request asks the scheduler for. */
export interface RunnerRequest {
  model: StoredModel
  /** Request `options` (already type-checked). */
  options: Record<string, unknown>
  keepAliveMs: number | undefined
  /** The request's `shift` field. */
  shift: boolean | undefined
}

/** A runner to use (undefined for cloud models), plus the `num_ctx` the request asked for. */
export interface Scheduled {
  runner: Runner | undefined
  numCtx: NumCtxRequest
  /** True when this request (re)loaded the runner. */
  loaded: boolean
}

/** A failed load: the answer `handleScheduleError` gives. */
export interface LoadFailure {
  status: number
  error: string
}

/**
 * `server/sched.go` `getRunner` → `processPending` → `load` for a request whose capabilities were checked: reuse
 * the loaded runner unless `needsReload`, else load one. A load that does not fit in VRAM + system memory fails
 * with the runner's out-of-memory error — unless the context is automatic, in which case it is retried once one
 * tier lower (`load`'s OOM branch, `reduceAutoNumCtxForLoadOOM`, `nextLowerAutoNumCtx`); an explicit context is
 * never lowered. After a failed load nothing of this model stays loaded (the runner it replaced was expired
 * first). Takes a runner reference: pair with `state.scheduler.release`.
 */
export function acquireRunner(state: SimState, request: RunnerRequest): Scheduled | LoadFailure {
  const { model } = request
  const numCtx = requestedNumCtx(model, request.options, state.env)
  if (model.remote) return { runner: undefined, numCtx, loaded: false }
  const want = {
    numCtx: runnerNumCtx(model, numCtx.requested),
    automatic: numCtx.automatic,
    contextShift: resolveContextShift(model, request.shift),
  }
  const reused = state.scheduler.reuse(model, want, request.keepAliveMs)
  if (reused !== undefined) return { runner: reused, numCtx, loaded: false }

  let fp = footprint(model, want.numCtx, state.env.gpuMemoryBytes)
  if (!fitsInMemory(fp, state.env) && want.automatic) {
    // The step down starts from the clamped context and must end below the (floored) one asked for.
    const lower = nextLowerAutoNumCtx(want.numCtx)
    if (lower !== undefined && lower < flooredNumCtx(model, numCtx.requested)) {
      want.numCtx = lower
      fp = footprint(model, lower, state.env.gpuMemoryBytes)
    }
  }
  if (!fitsInMemory(fp, state.env)) {
    state.scheduler.unloadFor(model)
    return { status: 500, error: loadOomError(fp) }
  }
  const runner = state.scheduler.start(model, { ...want, footprint: fp }, request.keepAliveMs)
  return { runner, numCtx, loaded: true }
}

/** {@link acquireRunner}, then the simulated load time when a load was attempted. */
export async function scheduleRunner(state: SimState, request: RunnerRequest): Promise<Scheduled | LoadFailure> {
  const result = acquireRunner(state, request)
  const attemptedLoad = 'status' in result || result.loaded
  if (attemptedLoad && state.loadDelayMs > 0) await delay(state.loadDelayMs)
  return result
}
