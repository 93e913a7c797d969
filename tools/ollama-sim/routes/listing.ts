import { sendJson, sendText } from '../http'
import { manifestDigest, remoteModelName } from '../manifest'
import type { StoredModel } from '../manifest'
import { formatNs } from '../model-store'
import { displayName } from '../names'
import { formatExpiry } from '../runners'
import type { Handler } from './types'

/** `GET|HEAD /`. */
export const rootHandler: Handler = (_state, ex) => sendText(ex.res, 200, 'Ollama is running')

/** `GET|HEAD /api/version`. */
export const versionHandler: Handler = (state, ex) => sendJson(ex.res, 200, { version: state.version })

/** The `details` object shared by tags, show and ps. */
export function detailsOf(model: StoredModel, parentModel: string): Record<string, unknown> {
  return {
    parent_model: parentModel,
    format: model.remote ? '' : model.format,
    family: model.family,
    families: [model.family],
    parameter_size: model.parameterSize,
    quantization_level: model.quantization,
  }
}

function tagsEntry(model: StoredModel): Record<string, unknown> {
  const name = displayName(model.name)
  const entry: Record<string, unknown> = { name, model: name }
  if (model.remote)
    Object.assign(entry, { remote_model: remoteModelName(model), remote_host: 'https://ollama.com:443' })
  Object.assign(entry, {
    modified_at: formatNs(model.modifiedNs),
    size: model.listedSize,
    digest: manifestDigest(model),
    details: { ...detailsOf(model, model.parentModel), context_length: model.contextLength },
  })
  if (model.capabilities.length > 0) entry.capabilities = [...model.capabilities]
  return entry
}

/** `GET|HEAD /api/tags`: newest first. */
export const tagsHandler: Handler = (state, ex) => sendJson(ex.res, 200, { models: state.store.list().map(tagsEntry) })

/**
 * `GET /api/ps`: one entry per runner, named after the model that loaded it; `size` is its whole footprint and
 * `size_vram` the part on the GPU (`memory.ts`).
 */
export const psHandler: Handler = (state, ex) => {
  const models = state.scheduler.list().map((runner) => ({
    name: runner.loader,
    model: runner.loader,
    size: runner.footprint.total,
    digest: runner.digest,
    details: detailsOf(runner.model, ''),
    expires_at: formatExpiry(runner),
    size_vram: runner.footprint.vram,
    context_length: runner.contextLength,
  }))
  sendJson(ex.res, 200, { models })
}
