/**
 * How a base model and a context length become a temporary model name.
 *
 * Scheme:
 * 1. The base is canonicalised the way Ollama resolves it (lowercase; host `registry.ollama.ai`, namespace
 *    `library` and tag `latest` filled in; a `:local` selector dropped), so spellings Ollama treats as one model
 *    (`llama3`, `Llama3`, `library/llama3`, `registry.ollama.ai/library/llama3:latest`) share one temp model.
 * 2. Plain library models on the default tag, when it fits in 80 characters, keep the original plan's form:
 *    `<model>-oc<ctx>`, e.g. `llama3` + 4096 → `llama3-oc4096` (path `ollmchat-temp/llama3-oc4096`, implicit tag
 *    `latest`).
 * 3. Every other base gets `<slug>-oc<ctx>:<tag-slug>-<hash>`: `slug` is the model (prefixed with the namespace
 *    when it is not `library`) cut to fit 80 characters, `tag-slug` is the base's tag cut to 63 characters, and
 *    `hash` is the first 16 hex digits (64 bits) of SHA-256 of the canonical base name. E.g.
 *    `hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M` + 8192 →
 *    `bartowski-llama-3.2-1b-instruct-gguf-oc8192:q4_k_m-<hash>`.
 *
 * Why it is collision-free: names of rule 2 have the tag `latest` and names of rule 3 never do (their tag ends in
 * `-<hex>`), so the two families cannot meet. Within rule 2 the model part is the whole base model; within rule 3
 * the hash separates bases (slugs may be cut, the hash never is). In both, `-oc<ctx>` closes the model part and
 * `ctx` is written in decimal without leading zeros, so reading the last `-oc<digits>` from the right recovers
 * it: two context lengths never share a name. Everything is lowercase ASCII from Ollama's allowed set, each part
 * stays ≤ 80 bytes, both parts start with a character Ollama accepts first, the model part ends in a digit and
 * the tag in a hex digit (no trailing `.` for Windows to strip), and the tag is never `cloud`/`local` nor ends in
 * `-cloud`, which Ollama would read as a source selector.
 */
import { createHash } from 'node:crypto'
import type { NumCtx } from '../../../src-shared/num-ctx'
import { InvalidModelNameError, NotApplicableError } from '../ollama/errors'
import {
  DEFAULT_HOST,
  DEFAULT_NAMESPACE,
  DEFAULT_TAG,
  isCloudModelName,
  isTempModelName,
  parseModelName,
  TEMP_NAMESPACE,
} from '../ollama/model-name'

const MAX_PART = 80
const HASH_HEX = 16

const CLOUD_MESSAGE = 'num_ctx does not apply to cloud models; they run with the context ollama.com gives them.'

/**
 * False for bases a temporary model cannot serve: cloud models (`:cloud`, `-cloud` tags), which ignore `num_ctx`.
 * Names Ollama would refuse are not judged here; `getTempModelName` reports them.
 */
export function tempModelApplies(baseModel: string): boolean {
  return !isCloudModelName(baseModel)
}

const sha256Prefix = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, HASH_HEX)

/**
 * The temporary model's name (without the `ollmchat-temp/` namespace) for `baseModel` at `numCtx` tokens; see the
 * scheme above. Deterministic. Throws `InvalidModelNameError` for a base Ollama would refuse and `NotApplicableError`
 * for cloud bases and temporary models. `numCtx` is a whole number within ollmchat's bounds by its type (checks
 * against the model belong to the caller).
 */
export function getTempModelName(baseModel: string, numCtx: NumCtx): string {
  const parts = parseModelName(baseModel)
  if (parts === null) throw new InvalidModelNameError(baseModel)
  if (!tempModelApplies(baseModel)) throw new NotApplicableError(CLOUD_MESSAGE)
  if (isTempModelName(baseModel))
    throw new NotApplicableError(`"${baseModel}" is already a temporary model of ollmchat.`)
  const host = parts.host.toLowerCase()
  const namespace = parts.namespace.toLowerCase()
  const model = parts.model.toLowerCase()
  const tag = parts.tag.toLowerCase()
  const ctx = `-oc${numCtx}`
  if (
    host === DEFAULT_HOST &&
    namespace === DEFAULT_NAMESPACE &&
    tag === DEFAULT_TAG &&
    model.length + ctx.length <= MAX_PART
  ) {
    return `${model}${ctx}`
  }
  const hash = sha256Prefix(`${host}/${namespace}/${model}:${tag}`)
  const slug = (namespace === DEFAULT_NAMESPACE ? model : `${namespace}-${model}`).slice(0, MAX_PART - ctx.length)
  const tagSlug = tag.slice(0, MAX_PART - HASH_HEX - 1)
  return `${slug}${ctx}:${tagSlug}-${hash}`
}

/** `ollmchat-temp/<name>`: the full name to create, chat with and delete. */
export function getTempModelPath(tempModelName: string): string {
  return `${TEMP_NAMESPACE}/${tempModelName}`
}

/**
 * The context length a temporary model name carries (`-oc<ctx>` at the end of its model part), or `null` for names
 * that do not follow this scheme (e.g. made by another client).
 */
export function tempModelNumCtx(tempName: string): number | null {
  const parts = parseModelName(tempName)
  if (parts === null) return null
  const match = /-oc([1-9]\d*)$/i.exec(parts.model)
  return match ? Number(match[1]) : null
}
