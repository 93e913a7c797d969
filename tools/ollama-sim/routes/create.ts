import { blobsOf } from '../blob-files'
import { decodeBody } from '../go-json'
import { sendError, StatusStream } from '../http'
import { layersOf } from '../manifest'
import type { DeriveOverrides } from '../model-store'
import { parseValidName, stripSourceSuffix } from '../names'
import { createRequest } from '../schemas'
import type { CreateBody } from '../schemas'
import { isOlderThan, JSON_CREATE_VERSION } from '../versions'
import { legacyCreateHandler } from './create-legacy'
import { pullModel } from './pull'
import type { Handler } from './types'

/**
 * The request's `license` as `server/create.go` `createModel` reads it: a non-empty string is one layer; anything
 * else is marshalled again and unmarshalled into `[]string`, whose error it returns.
 */
function requestLicenses(license: unknown): string[] | { error: string } {
  if (license === undefined || license === null) return []
  if (typeof license === 'string') return license === '' ? [] : [license]
  const kind = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value)
  if (!Array.isArray(license))
    return { error: `json: cannot unmarshal ${kind(license)} into Go value of type []string` }
  const bad = (license as unknown[]).find((item) => typeof item !== 'string' && item !== null)
  if (bad !== undefined) return { error: `json: cannot unmarshal ${kind(bad)} into Go value of type string` }
  return (license as (string | null)[]).map((item) => item ?? '')
}

/**
 * `POST /api/create` from an existing model (`server/create.go` `CreateHandler`): `from` is matched by exact case
 * (else an implicit registry pull, ending in its own `success` line), the target is canonicalized, parameters are
 * merged and stored unvalidated, licenses appended. Overwriting a model prunes the blobs only its old manifest used
 * (`oldManifest.RemoveLayers`). Before v0.5.5 the old handler answers instead (`create-legacy.ts`).
 */
export const createHandler: Handler = async (state, ex) => {
  if (isOlderThan(state.version, JSON_CREATE_VERSION)) return legacyCreateHandler(state, ex)
  const decoded = decodeBody<CreateBody>(createRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body = decoded.value
  const parsedTarget = parseValidName(body.model || body.name || '')
  if (parsedTarget === undefined) return sendError(ex.res, 400, 'invalid model name')
  const target = state.store.canonicalize(parsedTarget)
  const from = body.from ?? ''
  if (from === '' && body.files === undefined) return sendError(ex.res, 400, "neither 'from' or 'files' was specified")
  if (from === '') return sendError(ex.res, 400, "ollama-sim: creating from 'files' is not supported")
  const fromName = parseValidName(stripSourceSuffix(from.trim()))
  if (fromName === undefined) return sendError(ex.res, 400, 'invalid model name')

  const status = new StatusStream(ex.res, body.stream !== false)
  const replaced = state.store.getExact(target)
  const base = state.store.getExact(fromName) ?? (await pullModel(state, ex, status, fromName))
  if (base === undefined) return
  const licenses = requestLicenses(body.license)
  if (!Array.isArray(licenses)) return status.fail(500, licenses.error)
  const overrides: DeriveOverrides = { license: licenses }
  if (body.parameters !== undefined) overrides.parameters = body.parameters
  if (body.template !== undefined && body.template !== '') overrides.template = body.template
  if (body.system !== undefined && body.system !== '') overrides.system = body.system
  const derived = state.store.derive(base, target, overrides)
  for (const layer of layersOf(derived)) {
    const verb = state.blobs.has(layer.digest) ? 'using existing' : 'creating new'
    status.line({ status: `${verb} layer ${layer.digest}` })
  }
  status.line({ status: 'writing manifest' })
  state.store.put(derived)
  if (replaced !== undefined) state.blobs.removeUnreferenced(blobsOf(replaced))
  status.line({ status: 'success' })
  status.finish()
}
