import type { AutomaticContext, RunningMemory } from './context'

/** Where the context length a model will run with comes from. */
export type ContextSource =
  /** The user's own `num_ctx` for this model in ollmchat (served through a temporary model). */
  | 'custom'
  /** A `PARAMETER num_ctx` baked into the model itself. */
  | 'model'
  /** Neither: Ollama chooses (4096 to 262144 depending on the server version and VRAM). */
  | 'ollama-default'

/** An installed model as the Models page and the model picker show it. Never a temporary model. */
export interface ModelInfo {
  /** Exactly as Ollama lists it in `/api/tags`, e.g. `llama3:latest`. */
  name: string
  family: string | null
  /** e.g. `8.0B`. */
  parameterSize: string | null
  /** e.g. `Q4_K_M`. */
  quantization: string | null
  sizeBytes: number
  /** ISO 8601 time the model was last pulled or created. */
  modifiedAt: string
  digest: string
  /** The longest context the model was trained for (`<arch>.context_length`), when Ollama reports it. */
  trainedContext: number | null
  /** A `num_ctx` parameter baked into the model, when it has one. */
  modelNumCtx: number | null
  /** The user's `num_ctx` for this model in ollmchat, when set. */
  customNumCtx: number | null
  /** The context Ollama allocated for it, when it is loaded right now (`/api/ps` `context_length`). */
  runningContext: number | null
  /** Memory it occupies when loaded right now, and how much of it is on the GPU. */
  runningMemory: RunningMemory | null
  /** What Ollama runs it with when nobody sets `num_ctx`, once ollmchat has seen Ollama choose. */
  automaticContext: AutomaticContext | null
  /** It can answer a chat (Ollama's `completion` capability); embedding-only models cannot. */
  canChat: boolean
  /** Cloud models run on ollama.com and ignore `num_ctx`. */
  isCloud: boolean
  /** Ollama's capability list, e.g. `completion`, `thinking`, `vision`. */
  capabilities: string[]
}

/** Per-model options the user sets in ollmchat (the original plan's `model_options`). */
export interface ModelOptions {
  numCtx?: number
}

/** The model list as `models:list` and `models:changed` carry it. */
export interface ModelListing {
  models: ModelInfo[]
  /** The model a new conversation starts with; `null` when no installed model can chat. */
  defaultModel: string | null
}
