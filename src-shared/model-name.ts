/**
 * Ollama's model-name rules (`types/model/name.go` and `internal/modelref/modelref.go` in ollama/ollama), so the
 * app can compare, hide and generate names exactly as the server will read them.
 */

/** The four parts of a model name, with Ollama's defaults filled in and the original letter case kept. */
export interface ModelNameParts {
  host: string
  namespace: string
  model: string
  tag: string
  /** `cloud` or `local` when the name ended in that source selector (or a `-cloud` tag); else `unspecified`. */
  source: 'unspecified' | 'local' | 'cloud'
}

export const DEFAULT_HOST = 'registry.ollama.ai'
export const DEFAULT_NAMESPACE = 'library'
export const DEFAULT_TAG = 'latest'

/** The namespace all of ollmchat's temporary models live in. */
export const TEMP_NAMESPACE = 'ollmchat-temp'

const MISSING = '!MISSING!'

type PartKind = 'host' | 'namespace' | 'model' | 'tag'

const isAlnumOrUnderscore = (c: string) => /^[A-Za-z0-9_]$/.test(c)

function isValidPart(kind: PartKind, s: string): boolean {
  const max = kind === 'host' ? 350 : 80
  if (s.length < 1 || s.length > max) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i)
    if (i === 0) {
      if (!isAlnumOrUnderscore(c)) return false
      continue
    }
    if (c === '_' || c === '-') continue
    if (c === '.') {
      if (kind === 'namespace') return false
      continue
    }
    if (c === ':') {
      if (kind !== 'host') return false
      continue
    }
    // Non-ASCII characters fail here too: Ollama checks bytes, and counts lengths in bytes.
    if (!isAlnumOrUnderscore(c)) return false
  }
  return true
}

/** Cuts at the last `sep`; an empty side becomes a marker that no part rule accepts (Ollama's `cutPromised`). */
function cutPromised(s: string, sep: string): [before: string, after: string, found: boolean] {
  const i = s.lastIndexOf(sep)
  if (i < 0) return [s, '', false]
  const before = s.slice(0, i)
  const after = s.slice(i + sep.length)
  return [before === '' ? MISSING : before, after === '' ? MISSING : after, true]
}

/** `modelref.parseSourceSuffix`: a final `:cloud`/`:local` (any case) or a tag ending in `-cloud`. */
function parseSourceSuffix(raw: string): { base: string; source: ModelNameParts['source']; explicit: boolean } {
  const idx = raw.lastIndexOf(':')
  if (idx >= 0) {
    const suffixRaw = raw.slice(idx + 1).trim()
    const suffix = suffixRaw.toLowerCase()
    if (suffix === 'cloud') return { base: raw.slice(0, idx), source: 'cloud', explicit: true }
    if (suffix === 'local') return { base: raw.slice(0, idx), source: 'local', explicit: true }
    if (!suffixRaw.includes('/') && suffix.endsWith('-cloud')) {
      return { base: raw.slice(0, idx + 1) + suffixRaw.slice(0, -'-cloud'.length), source: 'cloud', explicit: true }
    }
  }
  return { base: raw, source: 'unspecified', explicit: false }
}

/** How Ollama stores a cloud reference locally: `x:cloud`, or `x:tag-cloud` when a tag was given. */
function legacyCloudName(base: string): string {
  const hasTag = base.lastIndexOf(':') > base.lastIndexOf('/')
  return hasTag ? `${base}-cloud` : `${base}:cloud`
}

/**
 * Parses a model name the way Ollama does for chat, show, delete and create's `from`: surrounding whitespace is
 * trimmed, a `:local`/`:cloud` source selector is read (`:local` names the local model; cloud references keep
 * their stored `:cloud`/`-cloud` tag), the tag is split off only at a `:` after the last `/`, parts are cut from
 * the right, a third part is the host (an optional `scheme://` is dropped), and the defaults
 * `registry.ollama.ai`, `library`, `latest` fill missing parts. Returns `null` for anything Ollama would answer
 * with `invalid model name`.
 */
export function parseModelName(name: string): ModelNameParts | null {
  const raw = name.trim()
  if (raw === '') return null
  const ref = parseSourceSuffix(raw)
  if (ref.explicit && parseSourceSuffix(ref.base).explicit) return null
  let s = ref.source === 'cloud' ? legacyCloudName(ref.base) : ref.base
  let tag = ''
  if (s.lastIndexOf(':') > s.lastIndexOf('/')) [s, tag] = cutPromised(s, ':')
  let model: string
  let namespace = ''
  let host = ''
  let found: boolean
  ;[s, model, found] = cutPromised(s, '/')
  if (!found) {
    model = s
  } else {
    ;[s, namespace, found] = cutPromised(s, '/')
    if (!found) {
      namespace = s
    } else {
      const schemeAt = s.indexOf('://')
      host = schemeAt >= 0 ? s.slice(schemeAt + 3) : s
    }
  }
  const parts: ModelNameParts = {
    host: host || DEFAULT_HOST,
    namespace: namespace || DEFAULT_NAMESPACE,
    model,
    tag: tag || DEFAULT_TAG,
    source: ref.source,
  }
  const valid =
    isValidPart('host', parts.host) &&
    isValidPart('namespace', parts.namespace) &&
    isValidPart('model', parts.model) &&
    isValidPart('tag', parts.tag)
  return valid ? parts : null
}

/** The full lowercase form, e.g. `registry.ollama.ai/library/llama3:latest`; `null` for a name Ollama refuses. */
export function canonicalModelNameOrNull(name: string): string | null {
  const parts = parseModelName(name)
  return parts === null ? null : canonicalOf(parts)
}

function canonicalOf(parts: ModelNameParts): string {
  return `${parts.host}/${parts.namespace}/${parts.model}:${parts.tag}`.toLowerCase()
}

/**
 * Ollama's `DisplayShortest`, the form `/api/tags` and `/api/ps` use: `host/namespace/` is dropped for the default
 * host and `library`, only the host for the default host with another namespace; the tag is always shown.
 */
export function displayModelName(parts: Pick<ModelNameParts, 'host' | 'namespace' | 'model' | 'tag'>): string {
  const defaultHost = parts.host.toLowerCase() === DEFAULT_HOST
  const prefix = !defaultHost
    ? `${parts.host}/${parts.namespace}/`
    : parts.namespace.toLowerCase() !== DEFAULT_NAMESPACE
      ? `${parts.namespace}/`
      : ''
  return `${prefix}${parts.model}:${parts.tag}`
}

/**
 * The one key rule for anything stored or counted per model: the canonical name (`Llama3` and `llama3:latest`
 * share one key), and for names Ollama would refuse, the trimmed lowercase text. Never throws.
 */
export function modelKey(name: string): string {
  const parts = parseModelName(name)
  return parts === null ? name.trim().toLowerCase() : canonicalOf(parts)
}

/**
 * True when Ollama resolves both names to the same stored model (letter case, default host, `library` and
 * `latest` do not matter); that is, when their `modelKey`s are equal.
 */
export function sameModel(a: string, b: string): boolean {
  return modelKey(a) === modelKey(b)
}

/**
 * True for every temporary model, whoever made it: names starting with `ollmchat-temp/` in any letter case (which
 * also covers names where `ollmchat-temp` ended up as a host, as an older client produced), and the fully spelled
 * form `registry.ollama.ai/ollmchat-temp/…`. A model in a namespace of that name on another registry
 * (`example.com/ollmchat-temp/x`) was pulled from there, never made by ollmchat: it is listed and never deleted.
 */
export function isTempModelName(name: string): boolean {
  const trimmed = name.trim().toLowerCase()
  if (trimmed.startsWith(`${TEMP_NAMESPACE}/`)) return true
  const parts = parseModelName(name)
  return parts !== null && parts.host.toLowerCase() === DEFAULT_HOST && parts.namespace.toLowerCase() === TEMP_NAMESPACE
}

/**
 * True for cloud models as Ollama's `modelref` sees them: a final `:cloud` source selector (any case) or a tag
 * ending in `-cloud`. `:local` selects the local model, so it is not cloud; `x:cloud:local` is invalid (false).
 * Listings also mark cloud stubs with `remote_host`; check that too where a listing is at hand.
 */
export function isCloudModelName(name: string): boolean {
  const raw = name.trim()
  const ref = parseSourceSuffix(raw)
  if (ref.explicit && parseSourceSuffix(ref.base).explicit) return false
  return ref.source === 'cloud'
}
