import { decodeBody } from '../go-json'
import { sendError, StatusStream } from '../http'
import { layersOf } from '../manifest'
import { parseValidName, stripSourceSuffix } from '../names'
import { createRequest } from '../schemas'
import type { CreateBody } from '../schemas'
import { pullModel } from './pull'
import type { Handler } from './types'

/**
 * `POST /api/create` from an existing model: `from` is matched by exact case (else an implicit registry pull,
 * ending in its own `success` line), the target is canonicalized, parameters are merged and stored unvalidated.
 */
export const createHandler: Handler = async (state, ex) => {
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
  const base = state.store.getExact(fromName) ?? (await pullModel(state, ex, status, fromName))
  if (base === undefined) return
  const overrides: { parameters?: Record<string, unknown>; template?: string; system?: string } = {}
  if (body.parameters !== undefined) overrides.parameters = body.parameters
  if (body.template !== undefined && body.template !== '') overrides.template = body.template
  if (body.system !== undefined && body.system !== '') overrides.system = body.system
  const derived = state.store.derive(base, target, overrides)
  for (const layer of layersOf(derived)) {
    const verb = state.store.hasBlob(layer.digest) ? 'using existing' : 'creating new'
    status.line({ status: `${verb} layer ${layer.digest}` })
  }
  status.line({ status: 'writing manifest' })
  state.store.put(derived)
  status.line({ status: 'success' })
  status.finish()
}
