import type { SimModelRecord, SimLoadedModel, SimModelSpec } from './model-types'

export type { SimArchitecture, SimLoadedModel, SimModelRecord, SimModelSpec } from './model-types'

/** Whether this Ollama is signed in to ollama.com, signed out, or has cloud models turned off (OLLAMA_NO_CLOUD). */
export type SimCloudAuth = 'signed-in' | 'signed-out' | 'disabled'

/**
 * The machine and environment Ollama runs on. Real Ollama computes its default context from the VRAM when the
 * server starts, so changing these at runtime ({@link OllamaSim.configure}) models a restart on other hardware.
 */
export interface SimEnvironment {
  /** Total VRAM in bytes (sum over GPUs, after OLLAMA_GPU_OVERHEAD); default 8 GiB. 0 = no GPU. */
  gpuMemoryBytes: number
  /** System RAM available for what does not fit in VRAM; default 32 GiB. */
  systemMemoryBytes: number
  /** OLLAMA_CONTEXT_LENGTH; default 0 = automatic (the VRAM tier). */
  contextLengthEnv: number
  /** Default 'signed-in'. */
  cloudAuth: SimCloudAuth
}

/** Whether Ollama can reach its registry (`registry.ollama.ai`, or the host a model name gives). */
export type SimRegistryStatus = 'online' | 'offline'

/**
 * What around Ollama can change while it runs, without a restart: the registry's reachability and latency, the
 * download speed, the free disk space and the authenticating proxy in front of it. Set at start ({@link SimOptions}) or at any time
 * ({@link OllamaSim.configure}); changing them unloads nothing.
 */
export interface SimConditions {
  /** 'offline': a pull fails at its manifest request with Go's DNS error (`pull-errors.ts`). Default 'online'. */
  registryStatus: SimRegistryStatus
  /** Download speed of pulls in bytes per second, the whole link (a blob's parts share it). Default 2 GB/s. */
  pullBytesPerSecond: number
  /**
   * How long the registry (and the CDN behind it) takes to answer: a pull's manifest request waits this long, and
   * a blob download moves no bytes for this long (its redirect and range requests), so its first progress lines
   * carry no `completed`. Default 0.
   */
  registryLatencyMs: number
  /**
   * Free bytes on the disk that holds the models; default `Infinity`. Downloads use it up, deleted blobs give it
   * back; a download that fills it fails with `write <blob>-partial: no space left on device` (`blob-download.ts`).
   * Ollama checks no free space before a pull: the write fails when the disk is full.
   */
  diskFreeBytes: number
  /**
   * Not Ollama: a stand-in for an authenticating reverse proxy (nginx, Caddy) in front of it. Every request that
   * lacks one of these headers with exactly this value (names case-insensitive) gets 401 `Unauthorized` as plain
   * text before Ollama sees it. Default `{}` (no proxy).
   */
  requiredHeaders: Record<string, string>
}

/** One chat message as the simulator passes it around (role lower-cased, as Ollama does). */
export interface SimMessage {
  role: string
  content: string
  /** Base64 images, kept only for a model with vision (`images.ts`). */
  images?: string[]
}

/**
 * What the simulator reports to a scripted reply function: the messages the model actually saw, i.e. after the
 * model's own system prompt was prepended and history that did not fit the context was dropped (or cut, see
 * `prompt-plan.ts`).
 */
export interface SimChatRequest {
  model: string
  messages: SimMessage[]
  options?: Record<string, unknown>
}

/** A scripted reply: fixed text, or text computed from the request. */
export type SimReply = string | ((request: SimChatRequest) => string)

/** Options of {@link startOllamaSim}. */
export interface SimOptions {
  /** Default 0 (ephemeral). */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** Installed at start. The first one is the most recently modified, so `/api/tags` lists them in this order. */
  models?: (string | SimModelSpec)[]
  /** What an implicit or explicit pull can fetch; default: a few common models. */
  registry?: (string | SimModelSpec)[]
  /**
   * Default '0.32.15'. Below 0.5.5, `/api/create` answers as those versions did (no `from`; `create-legacy.ts`);
   * '0.0.0' (a development build) counts as current.
   */
  version?: string
  /** Default 5 minutes (OLLAMA_KEEP_ALIVE). */
  keepAliveMs?: number
  /** Total VRAM in bytes; default 8 GiB (so the automatic context is 4096). See {@link SimEnvironment}. */
  gpuMemoryBytes?: number
  /** System RAM in bytes; default 32 GiB. */
  systemMemoryBytes?: number
  /** OLLAMA_CONTEXT_LENGTH; default 0 = automatic (VRAM tier: < 23 GiB → 4096, < 47 GiB → 32768, else 262144). */
  contextLengthEnv?: number
  /** Default 'signed-in'. */
  cloudAuth?: SimCloudAuth
  /** See {@link SimConditions.registryStatus}. */
  registryStatus?: SimRegistryStatus
  /** See {@link SimConditions.pullBytesPerSecond}. */
  pullBytesPerSecond?: number
  /** See {@link SimConditions.registryLatencyMs}. */
  registryLatencyMs?: number
  /** See {@link SimConditions.diskFreeBytes}. */
  diskFreeBytes?: number
  /** See {@link SimConditions.requiredHeaders}. */
  requiredHeaders?: Record<string, string>
  /** Delay between streamed tokens, default 0. */
  tokenDelayMs?: number
  /** Delay when a runner (re)loads, default 0. */
  loadDelayMs?: number
  /** Scripted reply; default: a plausible generated reply. */
  reply?: SimReply
  /** Clock for keep-alive expiry, timestamps and recorded requests (tests pass a fake clock). */
  now?: () => number
  /** No request log on stdout (default true; the CLI sets false). */
  quiet?: boolean
}

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  /** Request headers as Node received them: lower-case names, repeated ones joined with ', '. */
  headers: Record<string, string>
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown
  /** `now()` when the request arrived. */
  at: number
}

/** Failure injection. Every one-shot fault applies to the next matching request only. */
export interface SimFaults {
  /** Stop listening: connections are refused (ECONNREFUSED) on the same port; open connections are dropped. */
  down(): Promise<void>
  /** Listen again on the same port, state kept. */
  up(): Promise<void>
  /** Delay before every response. */
  latency(ms: number): void
  /** Answer `{"error":message}` with `status` on the next `times` (default 1) requests to `path`. */
  failNext(path: string, status: number, message: string, times?: number): void
  /** Next chat/generate stream: 200, `tokens` tokens, then an `{"error":message}` line. */
  errorLineAfter(tokens: number, message: string): void
  /** Next chat/generate stream: `tokens` tokens, then the socket is destroyed (no done line). */
  dropStreamAfter(tokens: number): void
  /** Next response on `path` is garbage (default 'not json{'). */
  malformedNext(path: string, body?: string): void
  /**
   * Transport fault, not Ollama behaviour (Ollama answers every request, if only with an error): the next request on
   * `path` is accepted and read, then never answered until the client aborts, as a hung host or a stuck proxy does.
   */
  stallNext(path: string): void
  /**
   * Transport fault, not Ollama behaviour: the next `times` (default 1) requests to `path` are read, then their
   * connection is destroyed with no response and before routing (the model is not touched), as when a keep-alive
   * connection was closed by the peer. undici reports `other side closed` (`UND_ERR_SOCKET`) or `ECONNRESET`.
   */
  dropConnectionNext(path: string, times?: number): void
  /**
   * Transport fault, not Ollama behaviour (every line Ollama streams is one small JSON object and ends with a newline:
   * `server/routes.go` `streamResponse`): the next response on `path` is a 200 NDJSON body holding the start of one
   * line of `bytes` (default 64 MB) and no newline, written as fast as the client reads, stopping when it goes away.
   */
  hugeLineNext(path: string, bytes?: number): void
  /** Clears every pending fault and the latency. */
  reset(): void
}

/** A running simulator. */
export interface OllamaSim {
  /** 'http://127.0.0.1:<port>'. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
  /**
   * Installs a model as if pulled or created now, or `ageMs` ago (its manifest's mtime, which `/api/tags` reports as
   * `modified_at`: Ollama's `server/routes.go` ListHandler reports the manifest file's ModTime).
   */
  addModel(spec: string | SimModelSpec, opts?: { ageMs?: number }): void
  removeModel(name: string): boolean
  /** Case-insensitive, default parts filled. */
  hasModel(name: string): boolean
  /** Display names as `/api/tags` shows them, in the same order. */
  listModelNames(): string[]
  getModel(name: string): SimModelRecord | undefined
  /**
   * As if re-pulled: a new manifest digest. With `newWeights` the registry had new weights too: the model gets a
   * new weights blob (so a new runner), while models derived from it earlier keep the old blob.
   */
  repull(name: string, opts?: { newWeights?: boolean }): void
  /**
   * The registry publishes a new revision of `name` (a new manifest; with `newWeights` new weights too). Installed
   * copies stay as they are until pulled again; that pull downloads what changed and ends with `removing unused
   * layers`. Throws when `name` is not on the simulated registry.
   */
  publish(name: string, opts?: { newWeights?: boolean }): void
  /**
   * Changes the hardware, OLLAMA_CONTEXT_LENGTH or cloud sign-in, as if Ollama were restarted with them (real
   * Ollama reads the VRAM tier at start-up): every runner is unloaded. Changing only {@link SimConditions} (the
   * registry, its latency, download speed, free disk, proxy) unloads nothing and applies to downloads under way at once.
   */
  configure(patch: Partial<SimEnvironment> & Partial<SimConditions>): void
  /**
   * Bytes of the blob `digest` (`sha256:…`) that stopped pulls left in its `-partial` file, as saved when they
   * stopped; a later pull of a model with that blob resumes there. 0 when there is none.
   */
  partialBytes(digest: string): number
  /** True when the blob `digest` is in the models directory (referenced by a manifest, or downloaded by a pull). */
  hasBlob(digest: string): boolean
  /** Free disk bytes now ({@link SimConditions.diskFreeBytes} less what downloads used, plus what deletes freed). */
  diskFreeBytes(): number
  /**
   * As if a request loaded it (for `/api/ps`), with the same context and memory rules; throws the load's
   * out-of-memory error when it does not fit.
   */
  load(name: string, opts?: { numCtx?: number; keepAliveMs?: number }): void
  unloadAll(): void
  loaded(): SimLoadedModel[]
  /** Every request, in order, JSON bodies parsed. */
  readonly requests: RecordedRequest[]
  requestsTo(path: string, method?: string): RecordedRequest[]
  clearRequests(): void
  setReply(reply: SimReply): void
  faults: SimFaults
}
