import { decodeKeepAlive } from './go-duration'
import { goAny, goBool, goInt, goObject, goString } from './go-json'
import { goImages } from './images'
import type { GoStruct, GoType } from './go-json'

const THINK_LEVELS = ['high', 'medium', 'low', 'max']

const keepAlive: GoType = {
  kind: 'custom',
  check: (value) => {
    const decoded = decodeKeepAlive(value)
    return 'error' in decoded ? decoded.error : undefined
  },
}

const think: GoType = {
  kind: 'custom',
  check: (value) => {
    if (typeof value === 'boolean') return undefined
    if (typeof value === 'string') {
      return THINK_LEVELS.includes(value)
        ? undefined
        : `invalid think value: "${value}" (must be "high", "medium", "low", "max", true, or false)`
    }
    return 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)'
  },
}

const message: GoStruct = {
  kind: 'struct',
  name: 'Message',
  type: 'api.Message',
  fields: {
    role: goString,
    content: goString,
    thinking: goString,
    images: goImages,
    tool_calls: goAny,
    tool_name: goString,
    tool_call_id: goString,
  },
}
const messages: GoType = { kind: 'slice', type: '[]api.Message', elem: message }

/** `api.ChatRequest`. */
export const chatRequest: GoStruct = {
  kind: 'struct',
  name: 'ChatRequest',
  type: 'api.ChatRequest',
  fields: {
    model: goString,
    messages,
    stream: goBool,
    format: goAny,
    keep_alive: keepAlive,
    tools: goAny,
    options: goObject,
    think,
    truncate: goBool,
    shift: goBool,
    logprobs: goBool,
    top_logprobs: goInt,
  },
}

/** `api.GenerateRequest`. */
export const generateRequest: GoStruct = {
  kind: 'struct',
  name: 'GenerateRequest',
  type: 'api.GenerateRequest',
  fields: {
    model: goString,
    prompt: goString,
    suffix: goString,
    system: goString,
    template: goString,
    context: { kind: 'slice', type: '[]int', elem: goInt },
    stream: goBool,
    raw: goBool,
    format: goAny,
    keep_alive: keepAlive,
    images: goAny,
    options: goObject,
    think,
    truncate: goBool,
    shift: goBool,
    logprobs: goBool,
    top_logprobs: goInt,
  },
}

/** `api.CreateRequest` (current JSON API; legacy `modelfile`/`path` are unknown keys and ignored). */
export const createRequest: GoStruct = {
  kind: 'struct',
  name: 'CreateRequest',
  type: 'api.CreateRequest',
  fields: {
    model: goString,
    name: goString,
    from: goString,
    files: { kind: 'map', type: 'map[string]string' },
    adapters: { kind: 'map', type: 'map[string]string' },
    template: goString,
    system: goString,
    license: goAny,
    parameters: goObject,
    messages,
    quantize: goString,
    quantization: goString,
    stream: goBool,
    info: goObject,
    renderer: goString,
    parser: goString,
    requires: goString,
    remote_host: goString,
  },
}

/** `api.CreateRequest` until v0.5.4: a Modelfile (or a path to one); `from`, `parameters` and the rest are unknown. */
export const legacyCreateRequest: GoStruct = {
  kind: 'struct',
  name: 'CreateRequest',
  type: 'api.CreateRequest',
  fields: {
    model: goString,
    modelfile: goString,
    stream: goBool,
    quantize: goString,
    name: goString,
    path: goString,
    quantization: goString,
  },
}

/** `api.ShowRequest`. */
export const showRequest: GoStruct = {
  kind: 'struct',
  name: 'ShowRequest',
  type: 'api.ShowRequest',
  fields: { model: goString, name: goString, system: goString, template: goString, verbose: goBool, options: goObject },
}

/** `api.DeleteRequest`. */
export const deleteRequest: GoStruct = {
  kind: 'struct',
  name: 'DeleteRequest',
  type: 'api.DeleteRequest',
  fields: { model: goString, name: goString },
}

/** `api.CopyRequest`. */
export const copyRequest: GoStruct = {
  kind: 'struct',
  name: 'CopyRequest',
  type: 'api.CopyRequest',
  fields: { source: goString, destination: goString },
}

/** `api.PullRequest`. */
export const pullRequest: GoStruct = {
  kind: 'struct',
  name: 'PullRequest',
  type: 'api.PullRequest',
  fields: { model: goString, name: goString, insecure: goBool, username: goString, password: goString, stream: goBool },
}

/** Decoded request bodies as the handlers read them (every field optional, as in Go). */
export interface ChatMessageBody {
  role?: string
  content?: string
  thinking?: string
  images?: (string | null)[]
}
export interface ChatBody {
  model?: string
  messages?: ChatMessageBody[]
  stream?: boolean
  format?: unknown
  keep_alive?: number | string
  options?: Record<string, unknown>
  think?: boolean | string
  truncate?: boolean
  shift?: boolean
  top_logprobs?: number
}
export interface GenerateBody {
  model?: string
  prompt?: string
  system?: string
  stream?: boolean
  format?: unknown
  keep_alive?: number | string
  options?: Record<string, unknown>
  think?: boolean | string
  raw?: boolean
  truncate?: boolean
  shift?: boolean
  top_logprobs?: number
}
export interface CreateBody {
  model?: string
  name?: string
  from?: string
  files?: Record<string, unknown>
  template?: string
  system?: string
  parameters?: Record<string, unknown>
  license?: unknown
  stream?: boolean
}
/** `api.CreateRequest` of Ollama 0.5.4 and before. */
export interface LegacyCreateBody {
  model?: string
  name?: string
  modelfile?: string
  path?: string
  stream?: boolean
}
export interface ShowBody {
  model?: string
  name?: string
  verbose?: boolean
}
export interface DeleteBody {
  model?: string
  name?: string
}
export interface CopyBody {
  source?: string
  destination?: string
}
export interface PullBody {
  model?: string
  name?: string
  stream?: boolean
}
