import { decodeBody } from '../go-json'
import { delay, sendError, StatusStream } from '../http'
import type { Exchange } from '../http'
import { configOf, layersOf } from '../manifest'
import type { StoredModel } from '../manifest'
import { parseValidName, stripSourceSuffix } from '../names'
import type { ModelName } from '../names'
import { pullRequest } from '../schemas'
import type { PullBody } from '../schemas'
import { registryModel } from '../state'
import type { SimState } from '../state'
import type { Handler } from './types'

const PROGRESS_STEPS = 4

/**
 * Streams a registry pull of `name` into `status` and installs it under `name` exactly as given. Returns
 * undefined after reporting `pull model manifest: file does not exist` (or when the client went away).
 */
export async function pullModel(state: SimState, ex: Exchange, status: StatusStream, name: ModelName): Promise<StoredModel | undefined> {
  status.line({ status: 'pulling manifest' })
  await delay(state.tokenDelayMs)
  const model = registryModel(state, name)
  if (model === undefined) {
    status.fail(500, 'pull model manifest: file does not exist')
    return undefined
  }
  for (const blob of [...layersOf(model), configOf(model)]) {
    const line = { status: `pulling ${blob.digest.slice(7, 19)}`, digest: blob.digest, total: blob.size }
    if (state.store.hasBlob(blob.digest)) {
      status.line({ ...line, completed: blob.size })
      continue
    }
    for (let step = 0; step <= PROGRESS_STEPS; step++) {
      const completed = Math.floor((blob.size * step) / PROGRESS_STEPS)
      status.line(completed === 0 ? line : { ...line, completed })
      await delay(state.tokenDelayMs)
      if (ex.aborted()) return undefined
    }
  }
  status.line({ status: 'verifying sha256 digest' })
  status.line({ status: 'writing manifest' })
  state.store.put(model)
  status.line({ status: 'success' })
  return model
}

/** `POST /api/pull`. */
export const pullHandler: Handler = async (state, ex) => {
  const decoded = decodeBody<PullBody>(pullRequest, ex.bodyText)
  if ('error' in decoded) return sendError(ex.res, 400, decoded.error)
  const raw = decoded.value.model || decoded.value.name || ''
  const name = parseValidName(stripSourceSuffix(raw.trim()))
  if (name === undefined) return sendError(ex.res, 400, 'invalid model name')
  const status = new StatusStream(ex.res, decoded.value.stream !== false)
  const pulled = await pullModel(state, ex, status, state.store.canonicalize(name))
  if (pulled !== undefined) status.finish()
}
