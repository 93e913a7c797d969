import { createHash } from 'node:crypto'
import type { ModelName } from './names'
import type { SimArchitecture } from './types'

/** The simulator's internal model: what a manifest plus its blobs would say. */
export interface StoredModel {
  name: ModelName
  family: string
  parameterSize: string
  quantization: string
  contextLength: number
  sizeBytes: number
  capabilities: string[]
  format: 'gguf' | 'safetensors'
  /** 'native': llama-server applies the GGUF chat template; 'rendered': Ollama renders the prompt itself. */
  chatPath: 'native' | 'rendered'
  architecture: SimArchitecture
  parameters: Record<string, unknown>
  parentModel: string
  template: string
  system: string
  /** One text per license layer. */
  license: string[]
  remote: boolean
  /** `sha256:…`; shared by every model derived from the same weights. */
  weightsDigest: string
  /** Bumped by a simulated re-pull so the manifest (not the weights) changes. */
  revision: number
  /** Manifest mtime in nanoseconds since the epoch. */
  modifiedNs: bigint
  /**
   * `/api/tags` size, fixed when the model is installed: all layers plus the config blob. Derived models and
   * copies keep their base's value, because the brief wants a temp model's size to equal its base's (in real
   * Ollama they differ only by the few bytes of their own params blob).
   */
  listedSize: number
}

/** One blob of a manifest. */
export interface Layer {
  mediaType: string
  digest: string
  size: number
  from?: string
}

interface Manifest {
  schemaVersion: 2
  mediaType: string
  config: Layer
  layers: Layer[]
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function blob(mediaType: string, content: string, from: string): Layer {
  const layer: Layer = { mediaType, digest: `sha256:${sha256(content)}`, size: Buffer.byteLength(content) }
  if (from !== '') layer.from = from
  return layer
}

/**
 * The layers of the model in manifest order (weights, template, system, licenses, params — the order of the
 * registry's manifests, e.g. llama3.1's model, template, license, params); cloud stubs have none.
 */
export function layersOf(model: StoredModel): Layer[] {
  if (model.remote) return []
  const from = model.parentModel
  const weights: Layer = {
    mediaType: 'application/vnd.ollama.image.model',
    digest: model.weightsDigest,
    size: model.sizeBytes,
  }
  if (from !== '') weights.from = from
  const layers = [weights, blob('application/vnd.ollama.image.template', model.template, from)]
  if (model.system !== '') layers.push(blob('application/vnd.ollama.image.system', model.system, from))
  for (const text of model.license) layers.push(blob('application/vnd.ollama.image.license', text, from))
  if (Object.keys(model.parameters).length > 0) {
    layers.push(blob('application/vnd.ollama.image.params', JSON.stringify(model.parameters), ''))
  }
  return layers
}

/** The config blob (model format, family, capabilities; remote host for cloud stubs). */
export function configOf(model: StoredModel): Layer {
  const config: Record<string, unknown> = {
    model_format: model.format,
    model_family: model.family,
    model_families: [model.family],
    model_type: model.parameterSize,
    file_type: model.quantization,
    capabilities: model.capabilities,
    architecture: 'amd64',
    os: 'linux',
  }
  if (model.remote)
    Object.assign(config, { remote_host: 'https://ollama.com:443', remote_model: remoteModelName(model) })
  if (model.revision > 0) config.revision = model.revision
  return blob('application/vnd.docker.container.image.v1+json', JSON.stringify(config), '')
}

function manifestOf(model: StoredModel): Manifest {
  return {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: configOf(model),
    layers: layersOf(model),
  }
}

/** 64 hex: sha256 of the manifest JSON, so an identical create yields an identical digest. */
export function manifestDigest(model: StoredModel): string {
  return sha256(JSON.stringify(manifestOf(model)))
}

/** `/api/tags` size: every layer plus the config blob. */
export function totalSize(model: StoredModel): number {
  return layersOf(model).reduce((sum, layer) => sum + layer.size, configOf(model).size)
}

/** The model name on ollama.com for a cloud stub: `gpt-oss:120b-cloud` → `gpt-oss:120b`. */
export function remoteModelName(model: StoredModel): string {
  const tag = model.name.tag.toLowerCase() === 'cloud' ? 'latest' : model.name.tag.replace(/-cloud$/i, '')
  return `${model.name.model}:${tag}`
}
