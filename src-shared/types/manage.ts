/**
 * Model management: pulls, details, and the temporary models ollmchat made (the shapes `models:*` and
 * `tempModels:*` carry). Names are as Ollama lists them.
 */

/** One progress line of a pull, as Ollama streams it (`pulling manifest`, `pulling <digest>`, `verifying …`). */
export interface PullProgress {
  requestId: string
  model: string
  /**
   * The Ollama the pull runs on (`scheme://host:port`, as the client reached it): the same model may be pulled on
   * two hosts at once, and a window must tell them apart.
   */
  host: string
  /** Ollama's own status text, e.g. `pulling manifest`, `pulling 6a0746a1ec1a`, `verifying sha256 digest`. */
  status: string
  /** Bytes of the layer `digest` done so far, when the line is about a layer. */
  completed: number | null
  /** Bytes of that layer in all. */
  total: number | null
  /** `sha256:…` of the layer the line is about, or `null` for a step of the whole pull. */
  digest: string | null
}

/** How a pull ended (a failure is an error of `models:pull` instead). */
export interface PullOutcome {
  model: string
  /** Stopped by `models:cancelPull`; Ollama keeps the partial layers, so pulling again resumes. */
  cancelled: boolean
}

/** What `/api/show` says about a model, for the details panel (text fields empty when the model has none). */
export interface ModelDetailsInfo {
  name: string
  /** The chat template (Go template syntax). */
  template: string
  /** The stored parameters, one `key value` line each, as `ollama show --parameters` prints them. */
  parameters: string
  system: string
  license: string
  capabilities: string[]
  family: string | null
  parameterSize: string | null
  quantization: string | null
  format: string | null
  /** The model it was created from, when it has one (`details.parent_model`). */
  parentModel: string | null
  modifiedAt: string | null
}

/** One `ollmchat-temp/` model on the current host. */
export interface TempModelInfo {
  name: string
  /** The base it was made from, when known (Ollama's `parent_model`, or ollmchat's record). */
  baseModel: string | null
  numCtx: number | null
  /** When ollmchat created it, when it did so on this machine. */
  createdAt: string | null
  /** When a reply of ollmchat last used it, when known. */
  lastUsedAt: string | null
  /** Loaded in Ollama (or sharing a loaded runner with its base at the same context). */
  loaded: boolean
  /** A reply of ollmchat is using it right now. */
  inUse: boolean
  /** Why it is stale (its base removed, or pulled again with other weights), or `null`. */
  stale: string | null
  sizeBytes: number
}

/** What a clean-up (or "remove all") did, with the reason for each model it kept. */
export interface TempCleanupReport {
  deleted: string[]
  kept: { name: string; reason: string }[]
  failed: { name: string; error: string }[]
  /** About how much disk the deletes freed (old weights only stale temporary models kept). */
  freedBytes: number
}
