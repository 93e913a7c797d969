import { CATALOG, templateFor } from './catalog'
import { licenseFor } from './licenses'
import { blobsOf } from './blob-files'
import { manifestDigest, sha256, totalSize } from './manifest'
import type { StoredModel } from './manifest'
import { displayName, fullName, isCloudName, nameKey, parseValidName } from './names'
import type { ModelName } from './names'
import type { SimModelRecord, SimModelSpec } from './types'
import { goLocalTime } from './go-format'
import { DEFAULT_ARCHITECTURE } from './memory'

const PARTS = ['host', 'namespace', 'model', 'tag'] as const

/** What an `/api/create` request changes in the model it derives from. */
export interface DeriveOverrides {
  parameters?: Record<string, unknown>
  template?: string
  system?: string
  license?: string[]
}

/** `server/routes.go` `shouldUseHarmony`: the gpt-oss family (whose simulated template has the harmony tags). */
export const HARMONY_FAMILIES = ['gptoss', 'gpt-oss']

/**
 * Turns a spec (or a bare name, filled from the catalog) into a model; throws on an invalid name. `revision`
 * counts re-pulls (new manifest); `weightsRevision` counts re-pulls that brought new weights (new weights blob).
 */
export function modelFromSpec(input: string | SimModelSpec, revision = 0, weightsRevision = 0): StoredModel {
  const spec = typeof input === 'string' ? { name: input } : input
  const name = parseValidName(spec.name.trim())
  if (name === undefined) throw new Error(`ollama-sim: invalid model name ${JSON.stringify(spec.name)}`)
  const catalogKey = displayName(name).toLowerCase()
  const known = CATALOG[catalogKey] ?? {}
  const license = spec.license ?? licenseFor(catalogKey)
  const family = spec.family ?? known.family ?? 'llama'
  const sizeBytes = spec.sizeBytes ?? known.sizeBytes ?? 4_661_211_808
  const model: StoredModel = {
    name,
    family,
    parameterSize: spec.parameterSize ?? known.parameterSize ?? '8.0B',
    quantization: spec.quantization ?? known.quantization ?? 'Q4_0',
    contextLength: spec.contextLength ?? known.contextLength ?? 8192,
    sizeBytes,
    capabilities: [...(spec.capabilities ?? known.capabilities ?? ['completion'])],
    format: spec.format ?? known.format ?? 'gguf',
    chatPath: spec.chatPath ?? known.chatPath ?? (HARMONY_FAMILIES.includes(family) ? 'rendered' : 'native'),
    architecture: structuredClone(spec.architecture ?? known.architecture ?? DEFAULT_ARCHITECTURE),
    parameters: structuredClone(spec.parameters ?? known.parameters ?? {}),
    parentModel: '',
    template: templateFor(family),
    system: '',
    license: typeof license === 'string' ? [license] : [...license],
    remote: isCloudName(name),
    weightsDigest: weightsDigestOf(name, family, sizeBytes, weightsRevision),
    revision,
    modifiedNs: 0n,
    listedSize: 0,
  }
  model.listedSize = totalSize(model)
  return model
}

/** The weights blob digest of a model as the registry publishes it; a new weights revision gives a new blob. */
export function weightsDigestOf(name: ModelName, family: string, sizeBytes: number, weightsRevision: number): string {
  return `sha256:${sha256(`weights:${nameKey(name)}:${family}:${sizeBytes}${weightsRevision > 0 ? `:${weightsRevision}` : ''}`)}`
}

type Part = (typeof PARTS)[number]

/** The digests of every blob a manifest references (its layers and its config), each once. */
const blobDigestsOf = (model: StoredModel): string[] => [...new Set(blobsOf(model).map((blob) => blob.digest))]

/**
 * The installed models, keyed by exact stored name (so, as on Linux, two names differing only in case can
 * coexist after a case-mismatched implicit pull). Lookups follow Ollama's `getExistingName`.
 *
 * Kept indexed so a simulator with thousands of models answers in constant time per lookup, delete and blob
 * check (the benchmarks must measure the client, not the simulator): the casings of each name part, and how many
 * manifests reference each blob. The blobs of a manifest are read when it is `put`, so a stored model changed in
 * place (a re-pull) must be `put` again, as `repull` does.
 */
export class ModelStore {
  private readonly models = new Map<string, StoredModel>()
  /** Per part: lower-case value → (full name → that name's exact value), in the order the names were stored. */
  private readonly casings = new Map<Part, Map<string, Map<string, string>>>(PARTS.map((part) => [part, new Map()]))
  /** Blob digest → how many stored manifests reference it. */
  private readonly blobRefs = new Map<string, number>()
  /** Full name → the blob digests its manifest referenced when it was stored. */
  private readonly blobsByName = new Map<string, string[]>()
  private lastNs = 0n

  constructor(private readonly nowMs: () => number) {}

  /** A strictly increasing manifest mtime, so "newest first" is never ambiguous. */
  stamp(): bigint {
    const now = BigInt(Math.floor(this.nowMs())) * 1_000_000n
    this.lastNs = now > this.lastNs ? now : this.lastNs + 1n
    return this.lastNs
  }

  /** Writes a manifest (overwriting the same exact name) and refreshes its mtime unless one is given. */
  put(model: StoredModel, modifiedNs?: bigint): StoredModel {
    model.modifiedNs = modifiedNs ?? this.stamp()
    const key = fullName(model.name)
    if (this.models.has(key)) this.countBlobs(key, -1)
    else this.indexParts(key, model.name, +1)
    this.models.set(key, model)
    this.blobsByName.set(key, blobDigestsOf(model))
    this.countBlobs(key, +1)
    return model
  }

  /** `getExistingName`: each part takes the casing of any stored name's matching part (the first stored). */
  canonicalize(name: ModelName): ModelName {
    const out = { ...name }
    for (const part of PARTS) {
      const stored = this.casings.get(part)?.get(name[part].toLowerCase())
      const first = stored?.values().next()
      if (first !== undefined && first.done !== true) out[part] = first.value
    }
    return out
  }

  /** Case-insensitive lookup, as chat/show/delete/pull/copy do. */
  resolve(name: ModelName): StoredModel | undefined {
    return this.models.get(fullName(this.canonicalize(name)))
  }

  /** Exact-case lookup, as create's `from` does on a case-sensitive filesystem. */
  getExact(name: ModelName): StoredModel | undefined {
    return this.models.get(fullName(name))
  }

  remove(model: StoredModel): boolean {
    const key = fullName(model.name)
    const stored = this.models.get(key)
    if (stored === undefined) return false
    this.countBlobs(key, -1)
    this.blobsByName.delete(key)
    this.indexParts(key, stored.name, -1)
    return this.models.delete(key)
  }

  /** Newest `modified_at` first. */
  list(): StoredModel[] {
    return [...this.models.values()].sort((a, b) =>
      a.modifiedNs === b.modifiedNs ? 0 : a.modifiedNs > b.modifiedNs ? -1 : 1,
    )
  }

  /** True when any stored manifest references the blob (so a create or pull reuses it). */
  hasBlob(digest: string): boolean {
    return (this.blobRefs.get(digest) ?? 0) > 0
  }

  private indexParts(key: string, name: ModelName, change: 1 | -1): void {
    for (const part of PARTS) {
      const byLower = this.casings.get(part) as Map<string, Map<string, string>>
      const lower = name[part].toLowerCase()
      let stored = byLower.get(lower)
      if (change > 0) {
        if (stored === undefined) byLower.set(lower, (stored = new Map<string, string>()))
        stored.set(key, name[part])
      } else if (stored !== undefined) {
        stored.delete(key)
        if (stored.size === 0) byLower.delete(lower)
      }
    }
  }

  private countBlobs(key: string, change: 1 | -1): void {
    for (const digest of this.blobsByName.get(key) ?? []) {
      const count = (this.blobRefs.get(digest) ?? 0) + change
      if (count > 0) this.blobRefs.set(digest, count)
      else this.blobRefs.delete(digest)
    }
  }

  /**
   * A model derived from `base` (same weights), with `parameters` merged over the base's and the request's licenses
   * added after the inherited ones (`server/create.go` `setLicense` appends a layer).
   */
  derive(base: StoredModel, target: ModelName, overrides: DeriveOverrides): StoredModel {
    return {
      ...base,
      name: target,
      capabilities: [...base.capabilities],
      parameters: { ...structuredClone(base.parameters), ...structuredClone(overrides.parameters ?? {}) },
      parentModel: displayName(base.name),
      template: overrides.template ?? base.template,
      system: overrides.system ?? base.system,
      license: [...base.license, ...(overrides.license ?? [])],
      modifiedNs: 0n,
    }
  }
}

/** A detached snapshot for {@link OllamaSim.getModel}. */
export function toRecord(model: StoredModel): SimModelRecord {
  return {
    name: displayName(model.name),
    canonical: fullName(model.name),
    digest: manifestDigest(model),
    parameters: structuredClone(model.parameters),
    parentModel: model.parentModel,
    family: model.family,
    parameterSize: model.parameterSize,
    quantization: model.quantization,
    contextLength: model.contextLength,
    sizeBytes: model.sizeBytes,
    size: model.listedSize,
    capabilities: [...model.capabilities],
    format: model.format,
    chatPath: model.chatPath,
    architecture: structuredClone(model.architecture),
    weightsDigest: model.weightsDigest,
    template: model.template,
    system: model.system,
    license: [...model.license],
    remote: model.remote,
    modifiedAt: formatNs(model.modifiedNs),
  }
}

/** A nanosecond stamp as Go marshals a local `time.Time`. */
export function formatNs(ns: bigint): string {
  return goLocalTime(Number(ns / 1_000_000n), Number(ns % 1_000_000n))
}
