import type { ModelInfo } from '../../../src-shared/types'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { CallOptions, OllamaClient } from '../ollama/client'
import { CancelledError, ModelNotFoundError, OllamaUnreachableError } from '../ollama/errors'
import { isCloudModelName, isTempModelName, modelKey, sameModel } from '../ollama/model-name'
import type { ListedModel, RunningModel, ShownModel } from '../ollama/types'
import { mapBounded } from './bounded'
import { ListingIndex, NameDigestIndex } from './listing-index'
import type { ContextFacts } from '../context/context-facts'

/** What `models:list` and `models:setNumCtx` read. */
export interface ModelCatalog {
  /** Every installed model, never a temporary one, sorted by name (case-insensitive). */
  list(opts?: CallOptions): Promise<ModelInfo[]>
  /** One installed model by any spelling Ollama accepts; `ModelNotFoundError` when not installed. */
  get(name: string, opts?: CallOptions): Promise<ModelInfo>
  /**
   * What `/api/tags` and `/api/show` say about one installed model, from the latest listing and the details cache
   * when they know it (no request), else asking Ollama; `ModelNotFoundError` when not installed.
   */
  details(name: string, opts?: CallOptions): Promise<ModelDetails>
  /**
   * What the latest listing and the details cache already know about one model, without asking Ollama: `null` when the
   * listing does not have it; `shown` is `null` when its `/api/show` was not read (or failed). For the path before a
   * reply's first token, which must not wait on Ollama for anything but the reply.
   */
  knownDetails(name: string): ModelDetails | null
}

/** One model's listing entry with its `/api/show` details (`null` when they could not be read). */
export interface ModelDetails {
  listed: ListedModel
  shown: ShownModel | null
}

export interface ModelCatalogDeps {
  client: OllamaClient
  /**
   * The user's `num_ctx` settings as they are now: called once per listing, and the function it returns is asked
   * about each model (as listed), answering `null` for a model without one.
   */
  customNumCtx: () => (name: string) => number | null
  /** Told every `/api/ps` read; asked what Ollama chooses by itself. */
  facts: ContextFacts
  log: Logger
  /** `/api/show` calls in flight at once on a cold cache (default 4). */
  showConcurrency?: number
}

/** Failures that say nothing about one model: they must fail the whole listing. */
const isGlobalFailure = (error: unknown) => error instanceof CancelledError || error instanceof OllamaUnreachableError

/**
 * The runner each model runs on right now: its own (the first with its digest or name), else one a temporary model
 * of it loaded (which the listing links back through `parent_model`). Runners and listing are indexed once per
 * listing, the listing only when a temporary model loaded a runner, so each model costs a parse or two of its name.
 */
function runnerFinder(
  running: readonly RunningModel[],
  listing: readonly ListedModel[],
): (model: ListedModel) => RunningModel | undefined {
  const byNameOrDigest = new NameDigestIndex(running)
  /** Base key → the first runner a temporary model of that base loaded. */
  const byBaseKey = new Map<string, RunningModel>()
  let listed: ListingIndex | undefined
  for (const runner of running) {
    if (!isTempModelName(runner.name)) continue
    listed ??= new ListingIndex(listing)
    const parent = listed.parentOf(runner)
    if (parent !== null && !byBaseKey.has(modelKey(parent))) byBaseKey.set(modelKey(parent), runner)
  }
  return (model) => byNameOrDigest.first(model.name, model.digest) ?? byBaseKey.get(modelKey(model.name))
}

/** A year after which `expires_at` means "kept loaded for good" (Ollama writes ~292 years ahead for those). */
const FOREVER_YEAR = 2200

/** `/api/ps` `expires_at` as the window shows it: `null` when absent, unreadable or "forever". */
function unloadTimeOf(expiresAt: string): string | null {
  const time = Date.parse(expiresAt)
  return Number.isNaN(time) || new Date(time).getUTCFullYear() >= FOREVER_YEAR ? null : expiresAt
}

/** Ollama's `completion` capability; an older Ollama that lists no capabilities is given the benefit of the doubt. */
export const canChat = (capabilities: readonly string[]): boolean =>
  capabilities.length === 0 || capabilities.includes('completion')

/** The capabilities of a model: `/api/tags` lists them since Ollama 0.30, `/api/show` before. */
export const capabilitiesOf = (listed: ListedModel, shown: ShownModel | null): string[] =>
  listed.capabilities.length > 0 ? listed.capabilities : (shown?.capabilities ?? [])

/** The trained context: `/api/show`'s `model_info`, else `/api/tags`' `details.context_length` (Ollama 0.30+). */
export const trainedContextOf = (listed: ListedModel, shown: ShownModel | null): number | null =>
  shown?.trainedContext ?? listed.contextLength

function toModelInfo(
  model: ListedModel,
  shown: ShownModel | null,
  runner: RunningModel | undefined,
  custom: number | null,
  facts: ContextFacts,
): ModelInfo {
  const capabilities = capabilitiesOf(model, shown)
  const trainedContext = trainedContextOf(model, shown)
  const modelNumCtx = shown?.numCtx ?? null
  const isCloud = model.isRemote || isCloudModelName(model.name)
  return {
    name: model.name,
    family: model.family ?? shown?.family ?? null,
    parameterSize: model.parameterSize ?? shown?.parameterSize ?? null,
    quantization: model.quantization ?? shown?.quantization ?? null,
    sizeBytes: model.sizeBytes,
    modifiedAt: model.modifiedAt,
    digest: model.digest,
    trainedContext,
    modelNumCtx,
    customNumCtx: custom,
    runningContext: runner?.contextLength ?? null,
    runningMemory:
      runner === undefined
        ? null
        : { sizeBytes: runner.sizeBytes, vramBytes: runner.sizeVram, unloadsAt: unloadTimeOf(runner.expiresAt) },
    // Only a model without a context of its own ever gets Ollama's automatic one.
    automaticContext: modelNumCtx === null && !isCloud ? facts.automaticContextFor(model.name, trainedContext) : null,
    isCloud,
    capabilities,
    canChat: canChat(capabilities),
  }
}

/**
 * Builds `ModelInfo` rows from one listing, one `/api/ps` and `/api/show` per model (cached by digest, so a
 * re-pulled model is read again). Guarantees: temporary models never appear; a failing `/api/show` or `/api/ps`
 * only leaves the fields it would have filled empty (logged), except when Ollama is unreachable or the caller
 * cancelled, which fail the call.
 */
export function createModelCatalog(deps: ModelCatalogDeps): ModelCatalog {
  const { client, log } = deps
  const shownByDigest = new Map<string, ShownModel>()
  const concurrency = deps.showConcurrency ?? 4
  /** The latest complete listing, so `details` usually needs no request. */
  let lastListing: ListedModel[] = []
  /** The latest `/api/ps` answer, kept through a failed read. */
  let lastRunning: RunningModel[] = []

  const shownFor = async (model: ListedModel, opts: CallOptions | undefined): Promise<ShownModel | null> => {
    const cached = shownByDigest.get(model.digest)
    if (cached !== undefined) return cached
    try {
      const shown = await client.show(model.name, opts)
      shownByDigest.set(model.digest, shown)
      return shown
    } catch (error) {
      if (isGlobalFailure(error)) throw error
      log.warn('could not read model details', { model: model.name, error: messageOf(error) })
      return null
    }
  }

  const list = async (opts?: CallOptions): Promise<ModelInfo[]> => {
    const listing = await client.listAll(opts)
    let running: RunningModel[]
    try {
      running = await client.running(opts)
      lastRunning = running
      deps.facts.observe(running)
    } catch (error) {
      if (isGlobalFailure(error)) throw error
      // One failed read says nothing about what is loaded: keep the last answer rather than show every model unloaded.
      log.warn('could not read the running models', { error: messageOf(error) })
      running = lastRunning
    }
    lastListing = listing
    const models = listing.filter((m) => !isTempModelName(m.name))
    const shown = await mapBounded(models, concurrency, (m) => shownFor(m, opts))
    const live = new Set(models.map((m) => m.digest))
    for (const digest of shownByDigest.keys()) if (!live.has(digest)) shownByDigest.delete(digest)
    const customFor = deps.customNumCtx()
    const runnerOf = runnerFinder(running, listing)
    const infos = models.map((m, i) => toModelInfo(m, shown[i] ?? null, runnerOf(m), customFor(m.name), deps.facts))
    return infos.sort((a, b) => {
      const x = a.name.toLowerCase()
      const y = b.name.toLowerCase()
      return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    })
  }

  return {
    list,
    async get(name, opts) {
      const found = (await list(opts)).find((m) => sameModel(m.name, name))
      if (found === undefined) throw new ModelNotFoundError(name)
      return found
    },
    knownDetails(name) {
      const listed = lastListing.find((m) => !isTempModelName(m.name) && sameModel(m.name, name))
      return listed === undefined ? null : { listed, shown: shownByDigest.get(listed.digest) ?? null }
    },
    async details(name, opts) {
      const find = (listing: ListedModel[]) => listing.find((m) => !isTempModelName(m.name) && sameModel(m.name, name))
      let listed = find(lastListing)
      if (listed === undefined) {
        lastListing = await client.listAll(opts)
        listed = find(lastListing)
      }
      if (listed === undefined) throw new ModelNotFoundError(name)
      return { listed, shown: await shownFor(listed, opts) }
    },
  }
}
