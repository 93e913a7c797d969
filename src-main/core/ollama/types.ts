import type { ReplyStats } from '../../../src-shared/types'
import type { ConversationOptions, ThinkSetting } from '../../../src-shared/conversation-options'
import type { KvShape } from './show-model-info'

/** How an `OllamaClient` is set up; everything is optional. */
export interface OllamaClientOptions {
  /** The app's host setting; `null`/empty falls back to `OLLAMA_HOST`, then `http://127.0.0.1:11434`. */
  host?: string | null
  /** Where `OLLAMA_HOST` is read from; defaults to `process.env`. */
  env?: Record<string, string | undefined>
  /** Replaces the undici fetch without timeouts (tests). */
  fetch?: typeof fetch
  /** Limit for list/show/ps/delete/version (default 15 s; 0 = none). Never applied to chat or create. */
  requestTimeoutMs?: number
  /** Extra headers sent with every request (e.g. `Authorization` for an Ollama behind a proxy). Never logged. */
  headers?: Record<string, string>
}

/** One entry of `/api/tags`, in camelCase, with absent fields as `null`/empty. */
export interface ListedModel {
  /** Exactly as Ollama lists it (display form, tag always present), e.g. `llama3:latest`. */
  name: string
  digest: string
  sizeBytes: number
  modifiedAt: string
  /** `details.parent_model`: the `from` of a derived model, usually empty for pulled ones. */
  parentModel: string
  format: string | null
  family: string | null
  families: string[]
  parameterSize: string | null
  quantization: string | null
  /** The trained context length (`details.context_length`, Ollama 0.30+), not a configured `num_ctx`. */
  contextLength: number | null
  capabilities: string[]
  /** A cloud or remote stub (`remote_host`/`remote_model` set). */
  isRemote: boolean
}

/** What `/api/show` says about a model, reduced to what the app uses. */
export interface ShownModel {
  /** Parsed from the `parameters` text; numbers as numbers (exponent form too). */
  parameters: Record<string, unknown>
  /** The model's own `num_ctx` parameter, when it has one. */
  numCtx: number | null
  /** `model_info["<general.architecture>.context_length"]`. */
  trainedContext: number | null
  architecture: string | null
  /** The KV cache shape for memory estimates; `null` when `model_info` does not give it. */
  kvShape: KvShape | null
  /** `sha256:<hex>` of the weights blob the model loads (the modelfile's FROM); `null` when there is none. */
  weightsBlob: string | null
  capabilities: string[]
  family: string | null
  parameterSize: string | null
  quantization: string | null
  /** The texts and details the details panel shows, as Ollama sent them (empty when absent). */
  text: {
    template: string
    /** The `parameters` text, one `key value` line each. */
    parameters: string
    system: string
    license: string
    format: string | null
    parentModel: string | null
    modifiedAt: string | null
  }
}

/** One runner of `/api/ps` (named after the model that loaded it). */
export interface RunningModel {
  name: string
  digest: string
  /** The context the runner was started with (Ollama 0.10+); `null` on older servers. */
  contextLength: number | null
  expiresAt: string
  sizeBytes: number
  sizeVram: number
}

export interface ChatMessageIn {
  role: 'system' | 'user' | 'assistant'
  content: string
  thinking?: string
  /** Base64 image files, for vision models (`api.Message.Images`). */
  images?: string[]
}

export interface ChatRequestIn {
  model: string
  messages: ChatMessageIn[]
  /** Sent as `options.num_ctx`. */
  numCtx?: number
  /** Sent as `options.num_predict`: the most tokens the reply may have. */
  numPredict?: number
  /** The conversation's own options (sent in `options` as they are); `numCtx`/`numPredict` above win over them. */
  options?: ConversationOptions
  /** Sent as `think` when set; absent, a thinking model thinks (`server/routes.go` `ChatHandler`). */
  think?: ThinkSetting
}

/** A piece of a streamed reply; the last one has `done: true` and the numbers Ollama reported. */
export type ChatChunk =
  | { done: false; content: string; thinking: string }
  | { done: true; content: string; thinking: string; doneReason: string | null; stats: ReplyStats }

/** The body of `/api/create` the app sends: a derived model with parameters. */
export interface CreateRequestIn {
  model: string
  from: string
  parameters: Record<string, unknown>
}

/** One progress line of `/api/pull`. */
export interface PullLine {
  status: string
  digest: string | null
  total: number | null
  completed: number | null
}
