/** A model to install or to offer on the simulated registry. Omitted fields take realistic defaults. */
export interface SimModelSpec {
  /** Any valid Ollama name: 'llama3', 'llama3:8b', 'user/m', 'hf.co/u/r:Q4_K_M', 'gpt-oss:120b-cloud'. */
  name: string
  /** Default 'llama'; also used as `general.architecture`. */
  family?: string
  /** Default '8.0B'. */
  parameterSize?: string
  /** Default 'Q4_0'. */
  quantization?: string
  /** Trained context (`<arch>.context_length`), default 8192. */
  contextLength?: number
  /** Weights size, default about 4.7e9. */
  sizeBytes?: number
  /** Baked parameters, e.g. `{ num_ctx: 4096, stop: ['<|eot_id|>'] }`. */
  parameters?: Record<string, unknown>
  /** Default ['completion']; include 'thinking' for reasoning models. */
  capabilities?: string[]
  /** Default 'gguf'. */
  format?: 'gguf' | 'safetensors'
  /**
   * How Ollama builds the chat prompt (`server/routes.go` `chatModeForModel`): 'native' hands the messages to
   * llama-server's GGUF chat template; 'rendered' renders them in Ollama (Go template, renderer, harmony) and sends
   * a plain completion. Default 'native'; 'rendered' for the gpt-oss family (`shouldUseHarmony`).
   */
  chatPath?: 'native' | 'rendered'
  /** Attention shape (`/api/show` `model_info`, KV cache size); default: Llama 3 8B's. */
  architecture?: SimArchitecture
}

/** The GGUF attention keys `<arch>.block_count`, `<arch>.attention.*` and `<arch>.embedding_length`. */
export interface SimArchitecture {
  blockCount: number
  headCount: number
  /** `attention.head_count_kv` as one number; ignored when {@link headCountKvPerLayer} is set. */
  headCountKv: number
  embeddingLength: number
  /** Per-head key size; default embeddingLength / headCount. */
  keyLength?: number
  /** Per-head value size; default keyLength (or embeddingLength / headCount). */
  valueLength?: number
  /**
   * `attention.sliding_window` (tokens), for models whose GGUF has it (Gemma 3, gpt-oss). Only reported by
   * `/api/show`: the simulated KV cache is sized as if every layer attended to the whole context.
   */
  slidingWindow?: number
  /**
   * `attention.head_count_kv` as a per-layer array, one entry per block, 0 for a layer without attention (the
   * convolution/recurrent layers of hybrid models such as LFM2). `/api/show` sends it as `null` unless `verbose`,
   * and the KV cache is sized by its sum.
   */
  headCountKvPerLayer?: number[]
}

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

/** One chat message as the simulator passes it around (role lower-cased, as Ollama does). */
export interface SimMessage {
  role: string
  content: string
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
  /** Default '0.32.15'. */
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
  /** Delay between streamed tokens (and pull progress lines), default 0. */
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
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown
  /** `now()` when the request arrived. */
  at: number
}

/** A snapshot of one installed model. */
export interface SimModelRecord {
  /** Display form, as `/api/tags` shows it (`llama3:latest`). */
  name: string
  /** Every part in stored case: `registry.ollama.ai/library/llama3:latest`. */
  canonical: string
  /** 64 hex, sha256 of the manifest JSON. */
  digest: string
  parameters: Record<string, unknown>
  /** Display name of the `from` model for derived models; '' otherwise. */
  parentModel: string
  family: string
  parameterSize: string
  quantization: string
  contextLength: number
  /** Weights size in bytes. */
  sizeBytes: number
  /** `/api/tags` size: all layers plus the config blob. */
  size: number
  capabilities: string[]
  format: 'gguf' | 'safetensors'
  /** See {@link SimModelSpec.chatPath}. */
  chatPath: 'native' | 'rendered'
  /** What `/api/show` `model_info` reports and the KV cache is sized by. */
  architecture: SimArchitecture
  /** `sha256:…` of the weights blob; derived models share their base's (until it is re-pulled with new weights). */
  weightsDigest: string
  template: string
  system: string
  /** A cloud stub (tag `cloud` or `…-cloud`): listed and chattable, no local runner, num_ctx ignored. */
  remote: boolean
  /** `/api/tags` `modified_at` string. */
  modifiedAt: string
}

/** One loaded runner as `/api/ps` would list it. */
export interface SimLoadedModel {
  name: string
  contextLength: number
  /** `/api/ps` `expires_at` string (server-local time). */
  expiresAt: string
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
  /** Next request on `path` never answers until the client aborts. */
  stallNext(path: string): void
  /** Clears every pending fault and the latency. */
  reset(): void
}

/** A running simulator. */
export interface OllamaSim {
  /** 'http://127.0.0.1:<port>'. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
  addModel(spec: string | SimModelSpec): void
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
   * Changes the hardware, OLLAMA_CONTEXT_LENGTH or cloud sign-in, as if Ollama were restarted with them (real
   * Ollama reads the VRAM tier at start-up): every runner is unloaded.
   */
  configure(patch: Partial<SimEnvironment>): void
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
