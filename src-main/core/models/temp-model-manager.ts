import type { NumCtx } from '../../../src-shared/num-ctx'
import { silentLogger, type Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError } from '../ollama/errors'
import { isTempModelName, modelKey, sameModel } from '../ollama/model-name'
import { DELETE_CONCURRENCY, type ConcurrencyBounds } from './adaptive-concurrency'
import { SingleFlight, type FlightControl } from './single-flight'
import { cleanupPass, retryWhileUnreachable, type CleanupReport } from './temp-model-cleanup'
import { getTempModelName, getTempModelPath, tempModelNumCtx } from './temp-model-naming'
import { TrainedContexts } from './temp-model-trained-context'
import { ABANDONED_CREATE_WAIT_MS, removeUnneeded } from './temp-model-abandoned'
import { BaseDigests } from './temp-model-base-digests'
import { createTempModelNow, type CreateContext, type TempModelRef } from './temp-model-create'
import {
  createMemoryTempModelRegistry,
  type HostTempModelRegistry,
  type TempModelRecord,
  type TempModelRegistry,
} from './temp-model-registry'
import { TempModelGuards, type HostTempModelGuard } from './temp-model-guard'
import { tempInUseReason, type AcquireCounter } from './temp-model-usage'

export type { CleanupReport } from './temp-model-cleanup'
export type { TempModelRef } from './temp-model-create'

export interface TempModelManagerOptions {
  /** Where records are kept; the manager only uses those of its client's host (`registry.forHost(client.host)`). */
  registry?: TempModelRegistry
  log?: Logger
  /**
   * Deletes in flight during clean-up: bounds for the adaptive limit (default `DELETE_CONCURRENCY`: 1 to 16,
   * starting at 4), or a number for a fixed one.
   */
  cleanupConcurrency?: number | ConcurrencyBounds
  /** Waits between clean-up attempts while Ollama is unreachable; the last repeats. */
  retryDelaysMs?: number[]
  /**
   * The holds and deleting passes of every host, shared by every manager of the app: a hold taken, or a pass run,
   * through another manager of the same host (a retired connection, the clean-up of a host that is not active)
   * counts here too. Each manager has its own by default.
   */
  guards?: TempModelGuards
  /** Told after each temporary model this manager created (the notification, the limit on how many there are). */
  onCreated?(ref: TempModelRef): void
  /** How long a create every reply stopped waiting for is still awaited (default `ABANDONED_CREATE_WAIT_MS`). */
  abandonedCreateWaitMs?: number
  now?: () => Date
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000]

/**
 * Owns the temporary models (the original plan's `TempModelManager`): names them, creates them on demand, reuses
 * known ones without asking Ollama, tracks which ones chats use, and deletes unused ones at start-up.
 */
export class TempModelManager {
  private readonly registry: HostTempModelRegistry
  private readonly log: Logger
  private readonly concurrency: ConcurrencyBounds
  private readonly retryDelaysMs: number[]
  private readonly inFlight = new SingleFlight<TempModelRef>()
  /** This host's holds and deleting passes, shared with every other manager of the host. */
  private readonly guard: HostTempModelGuard
  /** The holds on this host's temporary models: replies using them, and creates running (of any manager). */
  private readonly users: AcquireCounter
  private readonly baseDigests = new BaseDigests()
  private readonly now: () => Date
  /** What `createTempModelNow` needs of this manager. */
  private readonly creating: CreateContext

  constructor(
    private readonly client: OllamaClient,
    options: TempModelManagerOptions = {},
  ) {
    this.registry = (options.registry ?? createMemoryTempModelRegistry()).forHost(client.host)
    this.guard = (options.guards ?? new TempModelGuards()).forHost(client.host)
    this.users = this.guard.holds
    this.log = options.log ?? silentLogger
    const concurrency = options.cleanupConcurrency ?? DELETE_CONCURRENCY
    this.concurrency =
      typeof concurrency === 'number' ? { floor: concurrency, ceiling: concurrency, initial: concurrency } : concurrency
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
    this.now = options.now ?? (() => new Date())
    this.creating = {
      client,
      log: this.log,
      registry: this.registry,
      trainedContexts: new TrainedContexts(client, this.log),
      users: this.users,
      abandonedCreateWaitMs: options.abandonedCreateWaitMs ?? ABANDONED_CREATE_WAIT_MS,
      now: this.now,
      onCreated: (ref) => options.onCreated?.(ref),
      removeAbandoned: (path, mine) => this.removeAbandoned(path, mine),
    }
    client.onListing((models) => this.baseDigests.learn(models))
  }

  /** See `temp-model-naming.ts`: `llama3` at 4096 → `llama3-oc4096`. */
  getTempModelName(baseModel: string, numCtx: NumCtx): string {
    return getTempModelName(baseModel, numCtx)
  }

  /** `ollmchat-temp/<tempModelName>`. */
  getTempModelPath(tempModelName: string): string {
    return getTempModelPath(tempModelName)
  }

  /**
   * Makes sure the temporary model for `baseModel` at `numCtx` exists and returns it. Guarantees: `numCtx` (within
   * ollmchat's bounds, as its type says) is checked against the base's trained context when known
   * (`InvalidNumCtxError`), before any create; a base that is not installed fails with `ModelNotFoundError` and no create is sent
   * (Ollama would silently pull it); cloud bases fail with `NotApplicableError`; a model known to exist for the
   * base's current digest is returned without any request; a re-pulled base (digest changed) gets it re-created;
   * concurrent calls for one temp model share one create; `onCreating` runs only when a create is about to be
   * sent; the result exists in Ollama with that `num_ctx` (checked after creating). A call made during a clean-up
   * pass waits for the pass, so it never returns a model the pass is deleting. Base digests are learnt from the
   * listings the app makes anyway (`client.onListing`); before the first one, a record is trusted as it is. Only
   * records of the client's own host are trusted: another Ollama's model of the same name proves nothing here.
   */
  async createTempModel(
    baseModel: string,
    numCtx: NumCtx,
    opts: { signal?: AbortSignal; onCreating?: () => void } = {},
  ): Promise<TempModelRef> {
    const path = getTempModelPath(getTempModelName(baseModel, numCtx))
    if (opts.signal?.aborted === true) throw new CancelledError(opts.signal.reason)
    await this.guard.waitForPasses(opts.signal)
    const known = this.registry.get(path)
    if (known !== undefined && this.baseDigests.stillValid(known.baseModel, known.baseDigest)) {
      return { path, baseModel: known.baseModel, numCtx, created: false }
    }
    const create = (control: FlightControl) => createTempModelNow(this.creating, { baseModel, numCtx, path }, control)
    return this.inFlight.join(modelKey(path), create, {
      signal: opts.signal,
      onStart: opts.onCreating,
    })
  }

  /**
   * True when a chat of this app holds the temporary model (`acquire`), or `/api/ps` shows it in use — which
   * includes its base loaded with the same context, see `tempInUseReason` for why. Takes a name or a full path.
   */
  async isTempModelInUse(tempModelName: string, opts: { signal?: AbortSignal } = {}): Promise<boolean> {
    const path = isTempModelName(tempModelName) ? tempModelName : getTempModelPath(tempModelName)
    if (this.users.has(path)) return true
    const running = await this.client.running({ signal: opts.signal })
    if (running.length === 0) return false
    const record = this.registry.get(path)
    const direct = tempInUseReason({ name: path, digest: null, parentModel: null, numCtx: null }, running, null)
    if (direct !== null) return true
    const listing = await this.client.listAll({ signal: opts.signal })
    const entry = listing.find((m) => sameModel(m.name, path))
    const facts = {
      name: path,
      digest: entry?.digest ?? null,
      parentModel: entry !== undefined && entry.parentModel !== '' ? entry.parentModel : (record?.baseModel ?? null),
      numCtx: tempModelNumCtx(path) ?? record?.numCtx ?? null,
    }
    return tempInUseReason(facts, running, listing) !== null
  }

  /**
   * One clean-up pass now (see `cleanupPass`); throws when Ollama cannot be listed. `keepUsedSince` keeps current
   * temporary models used since then (the clean-up while the app is open).
   */
  cleanupUnusedTempModels(opts: { signal?: AbortSignal; keepUsedSince?: Date } = {}): Promise<CleanupReport> {
    return this.exclusive(() =>
      cleanupPass(
        {
          client: this.client,
          log: this.log,
          concurrency: this.concurrency,
          isAcquired: (name) => this.users.has(name),
          isCreating: (name) => this.inFlight.has(modelKey(name)),
          records: () => this.registry.all(),
          forget: (recordPath) => this.registry.delete(recordPath),
          ...(opts.keepUsedSince === undefined ? {} : { keepUsedSince: opts.keepUsedSince }),
        },
        opts.signal,
      ),
    )
  }

  /** See `HostTempModelGuard.exclusive`: deleting passes of this host, one at a time, with no model handed out meanwhile. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.guard.exclusive(work)
  }

  /** The start-up clean-up: retries with back-off while Ollama is unreachable. Never throws. */
  cleanupWhenReachable(opts: { signal?: AbortSignal } = {}): Promise<CleanupReport> {
    return retryWhileUnreachable(() => this.cleanupUnusedTempModels(opts), this.retryDelaysMs, this.log, opts.signal)
  }

  /**
   * A chat of this app uses `tempPath` right now; clean-up keeps it until the returned release is called. The release
   * records the use (`lastUsedAt`, which decides which temporary model goes first when there are too many), after the
   * reply rather than before its first token.
   */
  acquire(tempPath: string): () => void {
    const release = this.users.acquire(tempPath)
    let released = false
    return () => {
      if (released) return
      released = true
      release()
      this.registry.touch(tempPath, this.now().toISOString())
    }
  }

  /** A chat of this app holds it, or a create for it is running: nothing may delete it now. */
  isHeld(name: string): boolean {
    return this.users.has(name) || this.inFlight.has(modelKey(name))
  }

  /** What this app remembers about the temporary models on its host. */
  records(): TempModelRecord[] {
    return this.registry.all()
  }

  /** Forgets that `tempPath` exists (e.g. a chat got 404), so the next `createTempModel` creates it again. */
  invalidate(tempPath: string): void {
    for (const record of this.registry.all()) {
      if (sameModel(record.path, tempPath)) this.registry.delete(record.path)
    }
  }

  /**
   * `removeUnneeded` after a create nobody waits for (`mine`): kept while another create for it runs, when another
   * finished it since (a valid record), or while it is in use (`isTempModelInUse`, holds included).
   */
  private removeAbandoned(path: string, mine: FlightControl): Promise<void> {
    const stillNeeded = async () => {
      const record = this.registry.get(path)
      if (this.inFlight.runsOtherThan(modelKey(path), mine)) return true
      return (
        (record !== undefined && this.baseDigests.stillValid(record.baseModel, record.baseDigest)) ||
        this.isTempModelInUse(path)
      )
    }
    return removeUnneeded({
      client: this.client,
      path,
      log: this.log,
      exclusive: (work) => this.exclusive(work),
      stillNeeded,
      forget: () => this.invalidate(path),
    })
  }
}
