import { decodeBody } from '../go-json'
import { goQuote } from '../go-format'
import { sendEmpty, sendError } from '../http'
import { parseValidName, stripSourceSuffix } from '../names'
import { copyRequest, deleteRequest } from '../schemas'
import type { CopyBody, DeleteBody } from '../schemas'
import { deleteModel } from '../state'
import type { Handler } from './types'

/**
 * `DELETE /api/delete` (`server/routes.go` `DeleteHandler`): removes the manifest and the blobs nothing else uses;
 * a loaded runner keeps running (the handler never calls the scheduler).
 */
export const deleteHandler: Handler = (state, ex) => {
  const decoded = decodeBody<DeleteBody>(deleteRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const raw = decoded.value.model || decoded.value.name || ''
  if (raw === '') return sendError(ex.res, 400, 'model is required')
  const name = parseValidName(stripSourceSuffix(raw.trim()))
  if (name === undefined) return sendError(ex.res, 400, `name ${goQuote(raw)} is invalid`)
  const model = state.store.resolve(name)
  if (model === undefined) return sendError(ex.res, 404, `model '${raw}' not found`)
  deleteModel(state, model)
  sendEmpty(ex.res)
}

/** `POST /api/copy`: the same manifest under a second name (same digest, same parent), names taken literally. */
export const copyHandler: Handler = (state, ex) => {
  const decoded = decodeBody<CopyBody>(copyRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const source = decoded.value.source ?? ''
  const destination = decoded.value.destination ?? ''
  const src = parseValidName(source)
  if (src === undefined) return sendError(ex.res, 400, `source ${goQuote(source)} is invalid`)
  const dst = parseValidName(destination)
  if (dst === undefined) return sendError(ex.res, 400, `destination ${goQuote(destination)} is invalid`)
  const model = state.store.resolve(src)
  if (model === undefined) return sendError(ex.res, 404, `model ${goQuote(source)} not found`)
  state.store.put({
    ...model,
    name: state.store.canonicalize(dst),
    capabilities: [...model.capabilities],
    license: [...model.license],
    architecture: structuredClone(model.architecture),
    parameters: structuredClone(model.parameters),
  })
  sendEmpty(ex.res)
}
