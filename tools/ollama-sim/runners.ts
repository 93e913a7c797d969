import type { Footprint } from './memory'
import { formatNs } from './model-store'
import { manifestDigest } from './manifest'
import type { StoredModel } from './manifest'
import { displayName } from './names'

/** One loaded model instance, as the scheduler keeps it. */
export interface Runner {
  key: string
  /** Display name of the model whose request loaded it; `/api/ps` shows this. */
  loader: string
  /** Manifest digest of that model. */
  digest: string
  model: StoredModel
  /** The context it was launched with (`/api/ps` `context_length`). */
  contextLength: number
  /** Launched with an automatic context (`usesAutomaticNumCtx`). */
  automatic: boolean
  /** Launched with llama-server's `--context-shift`. */
  contextShift: boolean
  /** `/api/ps` `size` and `size_vram`. */
  footprint: Footprint
  /** Requests currently using it. */
  refs: number
  keepAliveMs: number
  expiresAtMs: number
}

/** What a request needs from a runner (its options after `getRunner`'s floors and the trained-length clamp). */
export interface RunnerWant {
  numCtx: number
  automatic: boolean
  contextShift: boolean
}

/** A runner to launch. */
export interface Launch extends RunnerWant {
  footprint: Footprint
}

/**
 * The runner scheduler (`server/sched.go`): GGUF models share one runner per weights blob
 * (`schedulerModelKey`); safetensors models get one runner per manifest. Expiry is lazy: a runner idle past
 * `expiresAtMs` disappears the next time anyone looks. Loading (and its memory checks) is `loader.ts`.
 */
export class Scheduler {
  private readonly runners = new Map<string, Runner>()

  constructor(
    private readonly nowMs: () => number,
    private readonly defaultKeepAliveMs: number,
  ) {}

  private keyFor(model: StoredModel): string {
    return model.format === 'gguf' ? model.weightsDigest : `manifest:${manifestDigest(model)}`
  }

  private prune(): void {
    const now = this.nowMs()
    for (const [key, runner] of this.runners)
      if (runner.refs === 0 && now >= runner.expiresAtMs) this.runners.delete(key)
  }

  /**
   * The loaded runner for the model if it can serve the request as it is (`runnerRef.needsReload` is false): for
   * GGUF the context-shift flag must match and so must the context, except that two automatic contexts always
   * match; safetensors (MLX) runners never compare options. Takes a reference (pair with
   * {@link Scheduler.release}).
   */
  reuse(model: StoredModel, want: RunnerWant, keepAliveMs: number | undefined): Runner | undefined {
    this.prune()
    const existing = this.runners.get(this.keyFor(model))
    if (existing === undefined || needsReload(existing, model, want)) return undefined
    existing.refs++
    if (keepAliveMs !== undefined) existing.keepAliveMs = keepAliveMs
    return existing
  }

  /** Registers a freshly loaded runner (replacing any runner of the same key) with one reference taken. */
  start(model: StoredModel, launch: Launch, keepAliveMs: number | undefined): Runner {
    const key = this.keyFor(model)
    const keepAlive = keepAliveMs ?? this.defaultKeepAliveMs
    const runner: Runner = {
      key,
      loader: displayName(model.name),
      digest: manifestDigest(model),
      model,
      contextLength: launch.numCtx,
      automatic: launch.automatic,
      contextShift: launch.contextShift,
      footprint: launch.footprint,
      refs: 1,
      keepAliveMs: keepAlive,
      expiresAtMs: this.nowMs() + keepAlive,
    }
    this.runners.set(key, runner)
    return runner
  }

  /** Ends a request: the keep-alive countdown starts when the last request on the runner finishes. */
  release(runner: Runner): void {
    runner.refs = Math.max(0, runner.refs - 1)
    if (this.runners.get(runner.key) !== runner || runner.refs > 0) return
    if (runner.keepAliveMs === 0) this.runners.delete(runner.key)
    else runner.expiresAtMs = this.nowMs() + runner.keepAliveMs
  }

  /** Unloads the runner serving this model, whoever loaded it: a reload whose load failed (Ollama expires the old one first). */
  unloadFor(model: StoredModel): boolean {
    return this.runners.delete(this.keyFor(model))
  }

  /**
   * `server/sched.go` `expireRunner` (`keep_alive: 0` with no messages or prompt): the runner serving this model,
   * whatever name loaded it, expires now — unloaded at once when idle, else as soon as its last request finishes
   * (its session duration becomes 0); meanwhile `/api/ps` shows it expiring now.
   */
  expire(model: StoredModel): void {
    const runner = this.runners.get(this.keyFor(model))
    if (runner === undefined) return
    runner.keepAliveMs = 0
    runner.expiresAtMs = this.nowMs()
    if (runner.refs === 0) this.runners.delete(runner.key)
  }

  unloadAll(): void {
    this.runners.clear()
  }

  /** Live runners, latest `expires_at` first. */
  list(): Runner[] {
    this.prune()
    return [...this.runners.values()].sort((a, b) => b.expiresAtMs - a.expiresAtMs)
  }
}

/**
 * `server/sched.go` `runnerRef.needsReload`: the context-shift flag must match; the context (after clamping) must
 * match unless both it and the runner's are automatic; MLX runners never compare options (and have no context
 * shift). Adapters, projectors and the other runner options are not modelled.
 */
function needsReload(runner: Runner, model: StoredModel, want: RunnerWant): boolean {
  if (model.format === 'safetensors') return false
  if (runner.contextShift !== want.contextShift) return true
  if (runner.automatic && want.automatic) return false
  return runner.contextLength !== want.numCtx
}

/** `expires_at` as `/api/ps` prints it. */
export function formatExpiry(runner: Runner): string {
  return formatNs(BigInt(Math.floor(runner.expiresAtMs)) * 1_000_000n)
}
