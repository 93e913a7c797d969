import { decodeBody } from '../go-json'
import { goSharpV } from '../go-format'
import { sendError, sendJson } from '../http'
import { remoteModelName } from '../manifest'
import type { StoredModel } from '../manifest'
import { formatNs } from '../model-store'
import { modelfileOf } from '../modelfile'
import { displayName } from '../names'
import { showRequest } from '../schemas'
import type { ShowBody } from '../schemas'
import { detailsOf } from './listing'
import { findModel, parseOrReject } from './lookup'
import type { Handler } from './types'

const FILE_TYPES: Record<string, number> = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q8_0: 7,
  Q4_K_M: 15,
  Q5_K_M: 17,
  Q6_K: 18,
  BF16: 32,
  MXFP4: 38,
}

function parameterCount(size: string): number {
  const match = /^([\d.]+)\s*([KMBT]?)/i.exec(size)
  const scale: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }
  if (match === null) return 0
  return Math.round(Number(match[1]) * (scale[(match[2] ?? '').toUpperCase()] ?? 1))
}

/** `%-30s %#v` per parameter, one line per array element, as `ollama show --parameters` prints it. */
export function formatParameters(parameters: Record<string, unknown>): string {
  const lines: string[] = []
  for (const [key, value] of Object.entries(parameters)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value])
      lines.push(`${key.padEnd(30)} ${goSharpV(item)}`)
  }
  return lines.join('\n')
}

/**
 * A GGUF array as `/api/show` sends it: `server/routes.go` `getModelData` decodes the GGUF with a `maxArraySize` of
 * 0 unless the request is `verbose` (then -1, every array), `fs/ggml/gguf.go` `newArray` keeps no values for an
 * array longer than that, and `(*array[T]).MarshalJSON` marshals those nil values as `null`.
 */
function ggufArray<T>(values: readonly T[], verbose: boolean): readonly T[] | null {
  return verbose || values.length === 0 ? values : null
}

/**
 * `model_info`, the GGUF key/values (`server/routes.go` `GetModelInfo`): the attention shape under
 * `<arch>.` — `attention.key_length`/`value_length` and `attention.sliding_window` only when the model's GGUF has
 * them, and `attention.head_count_kv` as an array (so `null` without `verbose`) for a per-layer count.
 */
function modelInfoOf(model: StoredModel, verbose: boolean): Record<string, unknown> {
  const arch = model.family
  const shape = model.architecture
  const info: Record<string, unknown> = {
    'general.architecture': arch,
    'general.basename': model.name.model,
    'general.file_type': FILE_TYPES[model.quantization.toUpperCase()] ?? 0,
    'general.parameter_count': parameterCount(model.parameterSize),
    'general.quantization_version': 2,
    [`${arch}.attention.head_count`]: shape.headCount,
    [`${arch}.attention.head_count_kv`]:
      shape.headCountKvPerLayer === undefined ? shape.headCountKv : ggufArray(shape.headCountKvPerLayer, verbose),
    ...(shape.keyLength === undefined ? {} : { [`${arch}.attention.key_length`]: shape.keyLength }),
    ...(shape.valueLength === undefined ? {} : { [`${arch}.attention.value_length`]: shape.valueLength }),
    ...(shape.slidingWindow === undefined ? {} : { [`${arch}.attention.sliding_window`]: shape.slidingWindow }),
    [`${arch}.block_count`]: shape.blockCount,
    [`${arch}.context_length`]: model.contextLength,
    [`${arch}.embedding_length`]: shape.embeddingLength,
    [`${arch}.feed_forward_length`]: 14336,
    [`${arch}.rope.freq_base`]: 500000,
    'tokenizer.ggml.bos_token_id': 128000,
    'tokenizer.ggml.eos_token_id': 128009,
    'tokenizer.ggml.merges': ggufArray(['Ġ Ġ', 'Ġ t', 'i n'], verbose),
    'tokenizer.ggml.model': 'gpt2',
    'tokenizer.ggml.pre': 'llama-bpe',
    'tokenizer.ggml.token_type': ggufArray([1, 1, 1], verbose),
    'tokenizer.ggml.tokens': ggufArray(['!', '"', '#'], verbose),
  }
  // Go marshals map keys sorted.
  return Object.fromEntries(Object.entries(info).sort(([a], [b]) => (a < b ? -1 : 1)))
}

const TENSORS = [
  { name: 'token_embd.weight', type: 'Q4_K', shape: [4096, 128256] },
  { name: 'blk.0.attn_k.weight', type: 'Q4_K', shape: [4096, 1024] },
  { name: 'blk.0.attn_q.weight', type: 'Q4_K', shape: [4096, 4096] },
  { name: 'blk.0.ffn_down.weight', type: 'Q6_K', shape: [14336, 4096] },
  { name: 'output_norm.weight', type: 'F32', shape: [4096] },
]

/** `POST /api/show`. */
export const showHandler: Handler = (state, ex) => {
  const decoded = decodeBody<ShowBody>(showRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const raw = decoded.value.model || decoded.value.name || ''
  if (raw === '') return sendError(ex.res, 400, 'model is required')
  const name = parseOrReject(ex, raw)
  if (name === undefined) return
  const model = findModel(state, name)
  if (model === undefined) return sendError(ex.res, 404, `model '${displayName(name)}' not found`)
  // `api.ShowResponse` field order; `license` (omitempty) is the license layers joined by newlines.
  const response: Record<string, unknown> = {}
  if (model.license.length > 0) response.license = model.license.join('\n')
  response.modelfile = modelfileOf(model)
  const parameters = formatParameters(model.parameters)
  if (parameters !== '') response.parameters = parameters
  response.template = model.template
  if (model.system !== '') response.system = model.system
  response.details = detailsOf(model, model.parentModel)
  if (model.remote)
    Object.assign(response, { remote_model: remoteModelName(model), remote_host: 'https://ollama.com:443' })
  response.model_info = modelInfoOf(model, decoded.value.verbose === true)
  if (!model.remote) response.tensors = TENSORS
  if (model.capabilities.length > 0) response.capabilities = [...model.capabilities]
  response.modified_at = formatNs(model.modifiedNs)
  sendJson(ex.res, 200, response)
}
