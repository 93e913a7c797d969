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
  contextLength: number
  /** Requests currently using it. */
  refs: number
  keepAliveMs: number
  expiresAtMs: number
}

/** What a request got from the scheduler. */
export interface Acquired {
  runner: Runner
  /** True when this request started a (re)load and must wait the load delay. */
  loaded: boolean
}

/** Bytes of KV cache per token for an 8B model at f16; scaled by weights size for others. */
const KV_BYTES_PER_TOKEN_8B = 131_072
const WEIGHTS_8B = 4_661_211_808

/**
 * The runner scheduler (`server/sched.go`): GGUF models share one runner per weights blob and reload when the
 * effective num_ctx differs; safetensors models get one runner per manifest and never reload on options.
 * Expiry is lazy: a runner idle past `expiresAtMs` disappears the next time anyone looks.
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
    for (const [key, runner] of this.runners) if (runner.refs === 0 && now >= runner.expiresAtMs) this.runners.delete(key)
  }

  /** Starts a request on the model; pair with {@link Scheduler.release}. */
  acquire(model: StoredModel, numCtx: number, keepAliveMs: number | undefined): Acquired {
    this.prune()
    const key = this.keyFor(model)
    const existing = this.runners.get(key)
    if (existing !== undefined && (model.format === 'safetensors' || existing.contextLength === numCtx)) {
      existing.refs++
      if (keepAliveMs !== undefined) existing.keepAliveMs = keepAliveMs
      return { runner: existing, loaded: false }
    }
    const keepAlive = keepAliveMs ?? this.defaultKeepAliveMs
    const runner: Runner = {
      key,
      loader: displayName(model.name),
      digest: manifestDigest(model),
      model,
      contextLength: numCtx,
      refs: 1,
      keepAliveMs: keepAlive,
      expiresAtMs: this.nowMs() + keepAlive,
    }
    this.runners.set(key, runner)
    return { runner, loaded: true }
  }

  /** Ends a request: the keep-alive countdown starts when the last request on the runner finishes. */
  release(runner: Runner): void {
    runner.refs = Math.max(0, runner.refs - 1)
    if (this.runners.get(runner.key) !== runner || runner.refs > 0) return
    if (runner.keepAliveMs === 0) this.runners.delete(runner.key)
    else runner.expiresAtMs = this.nowMs() + runner.keepAliveMs
  }

  /** `keep_alive: 0` with no messages: unloads the runner serving this model, whoever loaded it. */
  unloadFor(model: StoredModel): boolean {
    return this.runners.delete(this.keyFor(model))
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

/** Memory a runner occupies: weights plus a KV cache that grows with its context. */
export function runnerSize(runner: Runner): number {
  const perToken = Math.max(1, Math.round((KV_BYTES_PER_TOKEN_8B * runner.model.sizeBytes) / WEIGHTS_8B))
  return runner.model.sizeBytes + perToken * runner.contextLength
}

/** `expires_at` as `/api/ps` prints it. */
export function formatExpiry(runner: Runner): string {
  return formatNs(BigInt(Math.floor(runner.expiresAtMs)) * 1_000_000n)
}
