import { decodeBody } from '../go-json'
import { sendError } from '../http'
import { parseValidName } from '../names'
import { legacyCreateRequest } from '../schemas'
import type { LegacyCreateBody } from '../schemas'
import type { Handler } from './types'

/**
 * `POST /api/create` of Ollama before 0.5.5 (`server/routes.go` `CreateHandler` at v0.5.4): the target name is checked,
 * then a Modelfile (`modelfile`, or a file at `path`) is required — `from`, `parameters` and the other fields of the
 * JSON API are unknown keys, ignored — so a current client's request fails with 400 `path or Modelfile are
 * required`. Building from a Modelfile is not simulated.
 */
export const legacyCreateHandler: Handler = (_state, ex) => {
  const decoded = decodeBody<LegacyCreateBody>(legacyCreateRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const body = decoded.value
  if (parseValidName(body.model || body.name || '') === undefined) return sendError(ex.res, 400, 'invalid model name')
  if ((body.path ?? '') === '' && (body.modelfile ?? '') === '')
    return sendError(ex.res, 400, 'path or Modelfile are required')
  sendError(ex.res, 400, 'ollama-sim: creating from a Modelfile (Ollama before 0.5.5) is not simulated')
}
