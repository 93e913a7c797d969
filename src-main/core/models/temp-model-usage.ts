import { isTempModelName, modelKey, parseModelName } from '../ollama/model-name'
import type { ListedModel, RunningModel } from '../ollama/types'
import { ListingIndex, NameDigestIndex } from './listing-index'

/** What is known about one temporary model when deciding whether it may be deleted. */
export interface TempModelFacts {
  /** As listed, or as the app named it. */
  name: string
  /** Its manifest digest, when a listing gave it. */
  digest: string | null
  /** The base it was created from (`details.parent_model`, or the app's own record). */
  parentModel: string | null
  /** Its `num_ctx` (from the name or the record); `null` when unknown. */
  numCtx: number | null
}

/**
 * Why a temporary model counts as in use according to `/api/ps`, or `null` when it does not.
 *
 * `/api/ps` alone misleads: it names the model that *loaded* a runner, and for GGUF models the base and all of its
 * derived models share one runner whenever their runner options (chiefly `num_ctx`) match. So a chat with the
 * temp model may be running on a runner that `/api/ps` lists under the base (or under another temp model of the
 * same base). Decision: a temp model is in use when
 * 1. a runner is listed under its own name or digest, or
 * 2. a runner of its base (listed under the base, or under another temp model whose parent is that base) runs with
 *    `context_length` equal to the temp model's `num_ctx`, or either number is unknown (older servers, names of
 *    other clients) — in doubt, keep: a kept temp model costs a few kilobytes and goes at a later start-up,
 *    while deleting one a chat uses breaks that chat with a 404.
 *
 * For one model; a pass over many builds one `RunnerUsage` and asks it for each.
 */
export function tempInUseReason(
  temp: TempModelFacts,
  running: readonly RunningModel[],
  listing: readonly ListedModel[] | null,
): string | null {
  return RunnerUsage.of(running, listing).inUseReason(temp)
}

/**
 * `/api/ps` indexed once (with the listing, to tell what base a temporary model's runner runs), so the rules of
 * `tempInUseReason` cost a few map lookups per temporary model instead of a scan of the runners and the listing.
 */
export class RunnerUsage {
  private readonly runners: NameDigestIndex<RunningModel>
  /** Base key → its runners, in `/api/ps` order. */
  private readonly byBaseKey = new Map<string, RunningModel[]>()

  /**
   * `listing` tells what base a temporary model's runner runs; it is only read when `needsListing(running)`, and
   * may be `null` then only when unknown (such a runner then counts for no base).
   */
  constructor(running: readonly RunningModel[], listing: ListingIndex | null) {
    this.runners = new NameDigestIndex(running)
    for (const runner of running) {
      const runnerBase = isTempModelName(runner.name) ? (listing?.parentOf(runner) ?? null) : runner.name
      if (runnerBase === null) continue
      const baseKey = modelKey(runnerBase)
      const sameBase = this.byBaseKey.get(baseKey)
      if (sameBase === undefined) this.byBaseKey.set(baseKey, [runner])
      else sameBase.push(runner)
    }
  }

  /**
   * Whether the listing is needed to tell what the runners run: only when a temporary model loaded one of them.
   * Usually none did (nothing loaded, or a base), and then the listing need not be indexed at all.
   */
  static needsListing(running: readonly RunningModel[]): boolean {
    return running.some((runner) => isTempModelName(runner.name))
  }

  /** Indexes `listing` only when `needsListing(running)`. */
  static of(running: readonly RunningModel[], listing: readonly ListedModel[] | null): RunnerUsage {
    return new RunnerUsage(
      running,
      listing !== null && RunnerUsage.needsListing(running) ? new ListingIndex(listing) : null,
    )
  }

  /** See `tempInUseReason`. */
  inUseReason(temp: TempModelFacts): string | null {
    const own = this.runners.first(temp.name, temp.digest !== null && temp.digest !== '' ? temp.digest : null)
    if (own !== undefined) return `loaded in Ollama as ${own.name}`
    const parent = temp.parentModel
    if (parent === null || parent === '' || parseModelName(parent) === null) return null
    for (const runner of this.byBaseKey.get(modelKey(parent)) ?? []) {
      if (temp.numCtx === null || runner.contextLength === null) {
        return `its base ${parent} is loaded (as ${runner.name}) and the context lengths cannot be compared`
      }
      if (runner.contextLength === temp.numCtx) {
        return `its base ${parent} is loaded (as ${runner.name}) with the same context, which the temporary model shares`
      }
    }
    return null
  }
}

/**
 * Counts the chats of this app that use each temporary model right now. Keys compare as Ollama compares names, so
 * `ollmchat-temp/x` and `ollmchat-temp/x:latest` are one model.
 */
export class AcquireCounter {
  private readonly counts = new Map<string, number>()

  /** Records one more user of `name`; the returned release is idempotent. */
  acquire(name: string): () => void {
    const key = modelKey(name)
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.counts.get(key) ?? 1) - 1
      if (left <= 0) this.counts.delete(key)
      else this.counts.set(key, left)
    }
  }

  /** True while at least one acquire of `name` is not released. */
  has(name: string): boolean {
    return this.counts.has(modelKey(name))
  }
}
