// Ollama's model-name rules, written again here on purpose although src-main/core/ollama/model-name.ts has its
// own: the simulator is an independent implementation of Ollama (from `types/model/name.go`), so the core is
// tested against Ollama's behaviour and not against a copy of itself, which would agree with any bug it has.

/** The four parts of an Ollama model name after defaults are filled (`types/model/name.go`). */
export interface ModelName {
  host: string
  namespace: string
  model: string
  tag: string
}

const DEFAULT_HOST = 'registry.ollama.ai'
const DEFAULT_NAMESPACE = 'library'
const DEFAULT_TAG = 'latest'
/** Marks a part that was promised by a separator but left empty, so validation fails as Ollama's does. */
const MISSING = '\u0000missing'

type PartKind = 'host' | 'namespace' | 'model' | 'tag'

function cutLast(s: string, sep: string): [string, string, boolean] {
  const i = s.lastIndexOf(sep)
  if (i < 0) return [s, '', false]
  return [s.slice(0, i) || MISSING, s.slice(i + sep.length) || MISSING, true]
}

/**
 * Splits a name exactly like Ollama's `ParseName`: the tag only when the last `:` follows the last `/`, then
 * parts from the right at `/`, defaults merged in. The result may be invalid; check it with {@link isValidName}.
 */
export function parseName(raw: string): ModelName {
  let rest = raw
  let tag = ''
  if (rest.lastIndexOf(':') > rest.lastIndexOf('/')) [rest, tag] = cutLast(rest, ':')
  let model: string
  let namespace = ''
  let host = ''
  const [beforeModel, afterModel, hasNamespace] = cutLast(rest, '/')
  if (!hasNamespace) {
    model = rest
  } else {
    model = afterModel
    const [beforeNamespace, afterNamespace, hasHost] = cutLast(beforeModel, '/')
    if (!hasHost) {
      namespace = beforeModel
    } else {
      namespace = afterNamespace
      const schemeAt = beforeNamespace.indexOf('://')
      host = schemeAt >= 0 ? beforeNamespace.slice(schemeAt + 3) : beforeNamespace
    }
  }
  return {
    host: host || DEFAULT_HOST,
    namespace: namespace || DEFAULT_NAMESPACE,
    model,
    tag: tag || DEFAULT_TAG,
  }
}

function isWordByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}

function isValidPart(kind: PartKind, s: string): boolean {
  const max = kind === 'host' ? 350 : 80
  if (s.length < 1 || s.length > max || s === MISSING) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 127) return false
    if (i === 0) {
      if (!isWordByte(c)) return false
      continue
    }
    if (c === 45 /* - */ || c === 95 /* _ */) continue
    if (c === 46 /* . */) {
      if (kind === 'namespace') return false
      continue
    }
    if (c === 58 /* : */) {
      if (kind !== 'host') return false
      continue
    }
    if (!isWordByte(c)) return false
  }
  return true
}

/** True when every part passes Ollama's character and byte-length rules (only ASCII is accepted). */
export function isValidName(name: ModelName): boolean {
  return (
    isValidPart('host', name.host) &&
    isValidPart('namespace', name.namespace) &&
    isValidPart('model', name.model) &&
    isValidPart('tag', name.tag)
  )
}

/** Parses and validates in one step; `undefined` means Ollama would answer `invalid model name`. */
export function parseValidName(raw: string): ModelName | undefined {
  const name = parseName(raw)
  return isValidName(name) ? name : undefined
}

/** `DisplayShortest`: default host and `library` dropped, the tag always shown. */
export function displayName(name: ModelName): string {
  let prefix = ''
  if (name.host.toLowerCase() !== DEFAULT_HOST) prefix = `${name.host}/${name.namespace}/`
  else if (name.namespace.toLowerCase() !== DEFAULT_NAMESPACE) prefix = `${name.namespace}/`
  return `${prefix}${name.model}:${name.tag}`
}

/** Every part spelled out, in the stored letter case: `registry.ollama.ai/library/llama3:latest`. */
export function fullName(name: ModelName): string {
  return `${name.host}/${name.namespace}/${name.model}:${name.tag}`
}

/** Identity for case-insensitive comparison. */
export function nameKey(name: ModelName): string {
  return fullName(name).toLowerCase()
}

/**
 * Drops a trailing `:local` source selector, as `modelref` does for chat/show/pull/delete/create-from; a trailing
 * `:cloud` selector stays part of the name (the simulator stores cloud stubs under that tag).
 */
export function stripSourceSuffix(raw: string): string {
  return /:local$/i.test(raw) ? raw.slice(0, -':local'.length) : raw
}

/** Cloud models are addressed with a `cloud` tag or one ending in `-cloud`. */
export function isCloudName(name: ModelName): boolean {
  const tag = name.tag.toLowerCase()
  return tag === 'cloud' || tag.endsWith('-cloud')
}

/** Same parts ignoring letter case. */
export function sameName(a: ModelName, b: ModelName): boolean {
  return nameKey(a) === nameKey(b)
}
