/**
 * Facts read from `/api/show` beyond the parameters: the shape of the model's KV cache (for memory estimates) and
 * the weights blob a model loads (to tell a re-pull with new weights from one without).
 */

/** What the KV cache of one token needs, per `model_info["<arch>.…"]`. */
export interface KvShape {
  blockCount: number
  headCountKv: number
  /** Per head: `key_length` when the model gives it, else `embedding_length / head_count`. */
  keyLength: number
  /** `value_length` when given, else the key length. */
  valueLength: number
}

const positiveInt = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null

/**
 * The KV cache shape from `model_info`, or `null` when it cannot be told exactly:
 * - a field is missing, or sent as `null` — Ollama sends GGUF arrays as `null` unless `verbose` (`server/routes.go`
 *   `GetModelInfo`), which is how a per-layer `head_count_kv` arrives; falling back to `head_count` there would
 *   overstate the cache several times over, so only a `head_count_kv` absent altogether means "as many as heads";
 * - the model uses sliding-window attention (`attention.sliding_window`, Gemma 2/3, gpt-oss): most of its layers
 *   keep only a window, so a full-context estimate would be far too high.
 * An estimate from a guess would look as precise as a real one; none is better.
 */
export function readKvShape(info: Record<string, unknown>, architecture: string | null): KvShape | null {
  if (architecture === null) return null
  const key = (name: string) => `${architecture}.${name}`
  const field = (name: string) => positiveInt(info[key(name)])
  if (key('attention.sliding_window') in info) return null
  const blockCount = field('block_count')
  const headCount = field('attention.head_count')
  const headCountKv = key('attention.head_count_kv') in info ? field('attention.head_count_kv') : headCount
  const embedding = field('embedding_length')
  const keyLength =
    field('attention.key_length') ?? (embedding !== null && headCount !== null ? embedding / headCount : null)
  if (blockCount === null || headCountKv === null || keyLength === null || !Number.isInteger(keyLength)) return null
  return { blockCount, headCountKv, keyLength, valueLength: field('attention.value_length') ?? keyLength }
}

/** Bytes per KV cache element: Ollama's default `OLLAMA_KV_CACHE_TYPE` is f16. */
const F16_BYTES = 2

/** The f16 KV cache for `numCtx` tokens: keys and values, every layer, every KV head. */
export function kvCacheBytes(shape: KvShape, numCtx: number): number {
  return shape.blockCount * shape.headCountKv * (shape.keyLength + shape.valueLength) * numCtx * F16_BYTES
}

const FROM_BLOB = /^FROM\s+\S*?(sha256[-:][0-9a-f]{64})\s*$/im

/**
 * The weights blob named by the `modelfile`'s FROM line (`FROM /…/blobs/sha256-<hex>`, Ollama's `Model.String`),
 * normalised to `sha256:<hex>`; `null` when there is none (safetensors models have no single blob).
 */
export function readWeightsBlob(modelfile: string | null | undefined): string | null {
  const match = modelfile === null || modelfile === undefined ? null : FROM_BLOB.exec(modelfile)
  return match?.[1] === undefined ? null : match[1].replace('-', ':').toLowerCase()
}
