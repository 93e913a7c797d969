import type { Ollama } from 'ollama/browser'
import { CallRunner, type CallOptions, type StreamedCall } from './call-runner'
import { chatBody } from './chat-body'
import { MalformedResponseError, ModelNotFoundError } from './errors'
import { resolveOllamaHost } from './host'
import { ConnectionPools } from './connection-pools'
import { retryOnFreshConnection } from './fresh-connection'
import type { FetchFn } from './http'
import { InFlightCalls } from './in-flight'
import { isTempModelName } from './model-name'
import type {
  ChatChunk,
  ChatRequestIn,
  CreateRequestIn,
  ListedModel,
  OllamaClientOptions,
  PullLine,
  RunningModel,
  ShownModel,
} from './types'
import { readTagsOf } from './read-tags'
import { readChatLine, readPs, readPullLine, readShow, readVersion } from './wire'

export type {
  ChatChunk,
  ChatMessageIn,
  ChatRequestIn,
  CreateRequestIn,
  ListedModel,
  OllamaClientOptions,
  PullLine,
  RunningModel,
  ShownModel,
} from './types'

export type { CallOptions } from './call-runner'

const DEFAULT_TIMEOUT_MS = 15_000

/**
 * The one wrapper around the official `ollama` package. Guarantees: every method throws only the typed errors of
 * `./errors` (or a bug); every call has its own cancellation, effective before headers arrive; short calls
 * (version, list, show, ps, delete) time out after `requestTimeoutMs`, chat and create never do; nothing is
 * logged to the console; listings never leak a temporary model through `models()`.
 *
 * Why the detours: ollama-js cannot abort a call before its answer arrives, so each JSON call gets a fresh `Ollama`
 * whose fetch carries that call's signal. The browser entry is used because the Node entry refuses a `from` that
 * happens to match a file in the working directory. The streams (`/api/chat`, `/api/pull`) do not go through
 * ollama-js: `streamLines` reads them straight from the body, each line parsed and checked once. How a call runs
 * (signals, timeout, counting, error classification) is `CallRunner`'s; this class says what each call asks.
 */
export class OllamaClient {
  /** `scheme://host:port[/path]`, always with an explicit port. */
  readonly host: string
  private readonly pools: ConnectionPools | null
  private readonly timeoutMs: number
  private readonly runner: CallRunner
  private readonly listingListeners = new Set<(models: ListedModel[]) => void>()
  private readonly calls = new InFlightCalls()
  private closing: Promise<void> | null = null
  /** Whether `closing` ends within a grace period (a later `close({ graceMs })` need not bound it again). */
  private closingBounded = false

  constructor(options: OllamaClientOptions = {}) {
    this.host = resolveOllamaHost(options.host, options.env ?? process.env)
    this.pools = options.fetch === undefined ? new ConnectionPools() : null
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS
    this.runner = new CallRunner({
      host: this.host,
      baseFetch: options.fetch ?? (this.pools as ConnectionPools).fetch,
      timeoutMs: this.timeoutMs,
      headers: { ...options.headers },
      calls: this.calls,
    })
  }

  /** Ollama's version string, e.g. `0.32.15`. */
  version(opts?: CallOptions): Promise<string> {
    return this.short(opts, {}, async (ollama) => readVersion(await ollama.version()))
  }

  /** Every model in `/api/tags`, temporary models included, in Ollama's order; tells `onListing` listeners. */
  async listAll(opts?: CallOptions): Promise<ListedModel[]> {
    const models = await this.short(opts, {}, (ollama) => readTagsOf(ollama.list()))
    for (const listener of this.listingListeners) {
      try {
        listener(models)
      } catch {
        // A listener's bug must not fail the listing it merely observes.
      }
    }
    return models
  }

  /** Installed models as the user sees them: never an `ollmchat-temp/` model, whatever its letter case. */
  async models(opts?: CallOptions): Promise<ListedModel[]> {
    return (await this.listAll(opts)).filter((m) => !isTempModelName(m.name))
  }

  /** `/api/show` for one model; a 404 is `ModelNotFoundError`. */
  show(model: string, opts?: CallOptions): Promise<ShownModel> {
    return this.short(opts, { model }, async (ollama) => readShow(await ollama.show({ model })))
  }

  /** `/api/ps`: the runners loaded right now, each named after the model that loaded it. */
  running(opts?: CallOptions): Promise<RunningModel[]> {
    return this.short(opts, {}, async (ollama) => readPs(await ollama.ps()))
  }

  /**
   * Creates a derived model and resolves once Ollama has finished. Sent with `stream: false`, so the answer is the
   * final status (a stream would hold two `success` lines if Ollama pulled the base, and ollama-js stops at the
   * first); errors arrive as HTTP errors. Never checks that `from` is installed: callers must, because Ollama
   * silently pulls a missing base.
   */
  async create(req: CreateRequestIn, opts?: CallOptions): Promise<void> {
    const answer = await this.runner.json(opts, { model: req.from }, 0, (ollama) =>
      ollama.create({ model: req.model, from: req.from, parameters: req.parameters, stream: false }),
    )
    if ((answer as { status?: unknown }).status !== 'success') {
      throw new MalformedResponseError('unexpected /api/create answer', JSON.stringify(answer).slice(0, 200))
    }
  }

  /**
   * Deletes a model; `false` when it was already gone (404), which callers treat as success. A connection that
   * closed under the request is retried once on a fresh one (`retryOnFreshConnection`).
   */
  async delete(model: string, opts?: CallOptions): Promise<boolean> {
    try {
      const send = (fetch?: FetchFn) =>
        this.runner.json(opts, { model }, this.timeoutMs, (ollama) => ollama.delete({ model }), fetch)
      await retryOnFreshConnection(send, this.pools)
      return true
    } catch (error) {
      if (error instanceof ModelNotFoundError) return false
      throw error
    }
  }

  /**
   * Streams a reply from `/api/chat` (always `stream: true`; `numCtx` goes in `options.num_ctx`). Cancellable at any
   * point through `opts.signal`, including while Ollama loads the model before sending headers; leaving the loop
   * early closes the connection. Throws typed errors: `ModelNotFoundError`, `OllamaHttpError`,
   * `OllamaStreamError` (error line), `StreamInterruptedError`, `MalformedResponseError`, `CancelledError`,
   * `OllamaUnreachableError`.
   */
  chat(req: ChatRequestIn, opts?: CallOptions): AsyncGenerator<ChatChunk> {
    const body = { ...chatBody(req), stream: true }
    const call: StreamedCall<ChatChunk> = {
      path: '/api/chat',
      body,
      model: req.model,
      readLine: readChatLine,
      isLast: (chunk) => chunk.done,
    }
    return this.runner.stream(call, opts)
  }

  /**
   * Pulls a model (`/api/pull`, streamed), telling `onLine` every progress line; resolves after Ollama's final
   * `success`. An `{"error"}` line becomes `OllamaStreamError` with Ollama's text. Cancellable through `opts.signal`:
   * Ollama keeps the layers downloaded so far, so pulling again resumes.
   */
  async pull(model: string, opts: CallOptions & { onLine(line: PullLine): void }): Promise<void> {
    const isLast = (line: PullLine) => line.status === 'success'
    const lines = this.runner.stream(
      { path: '/api/pull', body: { model, stream: true }, model, readLine: readPullLine, isLast },
      opts,
    )
    for await (const line of lines) opts.onLine(line)
  }

  /**
   * Frees the memory of a loaded model now: `/api/chat` with no messages and `keep_alive: 0` (the runner is shared by
   * a base and the temporary models made from it, so it is unloaded whichever of their names is given). `true` when
   * Ollama answered `done_reason: "unload"`.
   */
  async unload(model: string, opts?: CallOptions): Promise<boolean> {
    const answer = await this.short(opts, { model }, (ollama) =>
      ollama.chat({ model, messages: [], keep_alive: 0, stream: false }),
    )
    return (answer as { done_reason?: unknown }).done_reason === 'unload'
  }

  /**
   * Counts work that makes several calls in a row (a request: a reply creates its model, then chats) as one call in
   * flight until the returned `release` (idempotent), so `whenIdle` does not resolve in the gap between two of them.
   */
  hold(): () => void {
    return this.calls.begin()
  }

  /** Resolves once no call and no `hold` is in flight: a client a host switch retired is closed then. */
  whenIdle(): Promise<void> {
    return this.calls.whenIdle()
  }

  /** Calls `listener` with every successful raw listing (temporary models included). Returns the unsubscribe. */
  onListing(listener: (models: ListedModel[]) => void): () => void {
    this.listingListeners.add(listener)
    return () => void this.listingListeners.delete(listener)
  }

  /**
   * Closes the connections. Without `graceMs`, calls (and holds) in flight finish first, however long they take.
   * With it, they get that long; then every connection is destroyed, a retry's own included (`ConnectionPools`), and
   * calls still running fail (a stalled Ollama cannot hold up shutdown). Calling it again returns the first call's
   * promise, except that a call with `graceMs` after one without bounds that one too (quitting must not wait on a
   * retired client that a call reached just before it closed).
   */
  close(opts: { graceMs?: number } = {}): Promise<void> {
    if (this.closing === null || (opts.graceMs !== undefined && !this.closingBounded)) {
      this.closingBounded = opts.graceMs !== undefined
      this.closing = this.shutDown(opts.graceMs)
    }
    return this.closing
  }

  private async shutDown(graceMs: number | undefined): Promise<void> {
    if (this.pools === null) return
    // undici's Agent forgets its pools once `close()` starts, so a later `destroy()` could no longer reach a
    // stalled request: the pools are closed only once nothing is in flight, and destroyed when the grace ran out.
    const idle =
      graceMs === undefined ? await this.calls.whenIdle().then(() => true) : await this.calls.idleWithin(graceMs)
    await (idle ? this.pools.close() : this.pools.destroy())
  }

  private short<T>(
    opts: CallOptions | undefined,
    about: { model?: string },
    run: (ollama: Ollama) => Promise<T>,
  ): Promise<T> {
    return this.runner.json(opts, about, this.timeoutMs, run)
  }
}
