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
}

/** What the simulator reports to a scripted reply function. */
export interface SimChatRequest {
  model: string
  messages: { role: string; content: string }[]
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
  /** Server default context when nothing sets one, default 4096. */
  defaultNumCtx?: number
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
  /** `sha256:…` of the weights blob; derived models share their base's. */
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
  /** Same model (same weights), new digest, as if re-pulled. */
  repull(name: string): void
  /** As if a request loaded it (for `/api/ps`). */
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
