import { blobsOf } from '../blob-files'
import { downloadBlob } from '../download-blob'
import { decodeBody } from '../go-json'
import { delay, sendError, StatusStream, whenClientLeaves } from '../http'
import type { Exchange } from '../http'
import type { StoredModel } from '../manifest'
import { parseValidName, stripSourceSuffix } from '../names'
import type { ModelName } from '../names'
import { MANIFEST_NOT_FOUND, registryUnreachable } from '../pull-errors'
import { pullRequest } from '../schemas'
import type { PullBody } from '../schemas'
import { registryModel } from '../state'
import type { SimState } from '../state'
import type { Handler } from './types'

/**
 * `server/images.go` `PullModel`: `pulling manifest`; the registry's manifest (or the error of fetching it); each
 * layer and then the config blob through `downloadBlob` (progress every 60 ms, one line for a blob already there);
 * `verifying sha256 digest`; `writing manifest` (the model is installed under `name` exactly as given, its
 * `modified_at` renewed even when nothing changed); `removing unused layers` when the manifest it replaced had blobs
 * the new one lacks (those no manifest uses any more are deleted); `success`. Not simulated: the `insecure`/`http://`
 * check before the first line, the time hashing takes, the retries of a download whose connection fails (so going
 * offline stops only pulls that have not fetched their manifest yet), and `pullWithTransfer`, the other progress
 * of models with tensor layers (safetensors/MLX), which are pulled here like GGUF ones.
 * Returns undefined after reporting an error, or when the client went away (its downloads stop, keeping their
 * `-partial` files when no other pull waits on them).
 */
export async function pullModel(
  state: SimState,
  ex: Exchange,
  status: StatusStream,
  name: ModelName,
): Promise<StoredModel | undefined> {
  const replaced = state.store.getExact(name)
  status.line({ status: 'pulling manifest' })
  await delay(state.registryLatencyMs)
  if (ex.aborted()) return undefined
  if (state.registryStatus === 'offline') {
    status.fail(500, registryUnreachable(name))
    return undefined
  }
  const model = registryModel(state, name)
  if (model === undefined) {
    status.fail(500, MANIFEST_NOT_FOUND)
    return undefined
  }
  const clientGone = whenClientLeaves(ex)
  for (const blob of blobsOf(model)) {
    const outcome = await downloadBlob(state, blob, clientGone, (line) => status.line(line))
    if (outcome.kind === 'gone') return undefined
    if (outcome.kind === 'error') {
      status.fail(500, outcome.message)
      return undefined
    }
  }
  status.line({ status: 'verifying sha256 digest' })
  status.line({ status: 'writing manifest' })
  state.store.put(model)
  const kept = new Set(blobsOf(model).map((blob) => blob.digest))
  const unused = replaced === undefined ? [] : blobsOf(replaced).filter((blob) => !kept.has(blob.digest))
  if (unused.length > 0) {
    status.line({ status: 'removing unused layers' })
    state.blobs.removeUnreferenced(unused)
  }
  status.line({ status: 'success' })
  return model
}

/** `POST /api/pull` (`PullHandler`): the name is checked (400 before any line), canonicalized, then pulled. */
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
