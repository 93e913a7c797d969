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
  /**
   * Licence texts, one license layer each (`/api/show` `license` joins them with newlines); default: the catalog's
   * for a known model (`licenses.ts`), else none.
   */
  license?: string | string[]
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
  /** One text per license layer, inherited by derived models. */
  license: string[]
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
