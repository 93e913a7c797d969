import { fitsTrainedContext, type NumCtx } from '../../../src-shared/num-ctx'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { InvalidNumCtxError, ModelNotFoundError, NotApplicableError } from '../ollama/errors'
import { isTempModelName, sameModel } from '../ollama/model-name'
import type { FlightControl } from './single-flight'
import { seeCreateThrough } from './temp-model-abandoned'
import type { HostTempModelRegistry } from './temp-model-registry'
import type { TrainedContexts } from './temp-model-trained-context'
import type { AcquireCounter } from './temp-model-usage'
import { verifyCreated } from './temp-model-verify'

/** A temporary model ready for chat. */
export interface TempModelRef {
  /** The full name to chat with, e.g. `ollmchat-temp/llama3-oc4096`. */
  path: string
  /** The base exactly as Ollama lists it (what `from` was set to). */
  baseModel: string
  numCtx: NumCtx
  /** True when this call created (or re-created) it; false when a known one was reused. */
  created: boolean
}

/** What a create needs from its manager. */
export interface CreateContext {
  client: OllamaClient
  log: Logger
  registry: HostTempModelRegistry
  trainedContexts: TrainedContexts
  /** The holds on the host's temporary models: a create holds its model while it runs. */
  users: AcquireCounter
  abandonedCreateWaitMs: number
  now: () => Date
  /** Told after the model is created and recorded; a listener's failure is logged, never thrown. */
  onCreated: (ref: TempModelRef) => void
  /** Deletes the model after a create nobody waits for any more, unless something else still needs it. */
  removeAbandoned: (path: string, mine: FlightControl) => Promise<void>
}

/**
 * Creates `path` from `baseModel` at `numCtx` (one single-flight run of `createTempModel`): checks the base is
 * installed, local and trained for `numCtx`, then marks the flight started, creates, verifies and records it.
 */
export async function createTempModelNow(
  context: CreateContext,
  request: { baseModel: string; numCtx: NumCtx; path: string },
  control: FlightControl,
): Promise<TempModelRef> {
  const { client, log, users } = context
  const { baseModel, numCtx, path } = request
  const signal = control.signal
  const listing = await client.listAll({ signal })
  const base = listing.find((m) => !isTempModelName(m.name) && sameModel(m.name, baseModel))
  if (base === undefined) throw new ModelNotFoundError(baseModel)
  if (base.isRemote)
    throw new NotApplicableError(
      'num_ctx does not apply to cloud models; they run with the context ollama.com gives them.',
    )
  const trained = base.contextLength ?? (await context.trainedContexts.of(base, signal))
  // The one check only this layer can make: the base's trained length is known here, not where `numCtx` was read
  // (which already applied the model's floor, 2,048 for vision, so it is not judged again with another).
  const check = fitsTrainedContext(numCtx, trained)
  if (!check.ok) throw new InvalidNumCtxError(check.message, numCtx)
  control.started()
  log.info('creating temporary model', { path, from: base.name, numCtx })
  // Held while it is made, so the clean-up of another manager of this host leaves it alone too.
  const creating = users.acquire(path)
  try {
    await seeCreateThrough({
      send: (requestSignal) =>
        client.create({ model: path, from: base.name, parameters: { num_ctx: numCtx } }, { signal: requestSignal }),
      verify: () => verifyCreated(client, path, numCtx, signal),
      wanted: signal,
      abandonedWaitMs: context.abandonedCreateWaitMs,
      removeUnneeded: () => {
        // This create's own hold goes first: only the holds of others may keep the model.
        creating()
        return context.removeAbandoned(path, control)
      },
    })
  } finally {
    creating()
  }
  const createdAt = context.now().toISOString()
  context.registry.set({
    path,
    baseModel: base.name,
    baseDigest: base.digest,
    numCtx,
    createdAt,
    lastUsedAt: createdAt,
  })
  const ref = { path, baseModel: base.name, numCtx, created: true }
  try {
    context.onCreated(ref)
  } catch (error) {
    log.error('a listener of new temporary models failed', { error: messageOf(error) })
  }
  return ref
}
