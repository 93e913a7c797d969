import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaUnreachableError } from '../ollama/errors'
import { isTempModelName, modelKey } from '../ollama/model-name'
import type { ListedModel } from '../ollama/types'
import { timeSlicer } from '../time-slice'
import { mapBounded } from './bounded'
import { ListingIndex } from './listing-index'
import type { TempModelRecord } from './temp-model-registry'

/** Why a temporary model no longer serves its purpose, and the weights it keeps on disk. */
export interface Staleness {
  reason: string
  /** `sha256:…` of the weights it references, when Ollama said. */
  weightsBlob: string | null
  /** Its `/api/tags` size: mostly those weights. */
  sizeBytes: number
}

/**
 * Temporary models whose base is gone or was pulled again with other weights. Such a model keeps the old weights on
 * disk (gigabytes: derived models reference the base's layer blobs, not its manifest, so a re-pull or a delete of the
 * base leaves them alive) and would run the old weights if used. A base whose digest still matches the app's record
 * is current without asking; otherwise the weights blobs (the `modelfile`'s FROM in `/api/show`) of the two are
 * compared, so a re-pull that changed only the manifest (same weights) does not count.
 */
export async function findStaleTempModels(input: {
  client: OllamaClient
  listing: readonly ListedModel[]
  recordFor(name: string): TempModelRecord | undefined
  log: Logger
  signal?: AbortSignal | undefined
  /** `/api/show` calls in flight at once (default 4): one per temporary model whose record cannot vouch for it. */
  concurrency?: number
  /** Awaited after each temporary model, so thousands of them do not hold the event loop (`timeSlicer`). */
  pause?: () => Promise<void>
}): Promise<Map<string, Staleness>> {
  const { client, listing, signal } = input
  const stale = new Map<string, Staleness>()
  const bases = new ListingIndex(listing.filter((m) => !isTempModelName(m.name)))
  const blobOf = new Map<string, Promise<string | null>>()
  const weightsBlob = (name: string) => {
    const key = modelKey(name)
    let blob = blobOf.get(key)
    if (blob === undefined) {
      blob = client.show(name, { signal }).then((shown) => shown.weightsBlob)
      // Settled here too, so a rejection nobody awaits yet (another model's turn) is never reported as unhandled.
      blob.catch(() => {})
      blobOf.set(key, blob)
    }
    return blob
  }
  const temps = listing.filter((m) => isTempModelName(m.name))
  const pause = input.pause ?? timeSlicer()
  await mapBounded(temps, input.concurrency ?? 4, async (temp) => {
    // Most models need no request, so without this the whole map would run as one chain of microtasks.
    await pause()
    const record = input.recordFor(temp.name)
    const parent = temp.parentModel !== '' ? temp.parentModel : (record?.baseModel ?? null)
    if (parent === null) return
    const base = bases.byName(parent)
    // The record vouches for the temporary model: no request (the usual case, so a pass over thousands sends none).
    if (base !== undefined && record !== undefined && record.baseDigest === base.digest) return
    try {
      if (base === undefined) {
        stale.set(temp.name, {
          reason: `its base ${parent} was removed`,
          weightsBlob: await weightsBlob(temp.name),
          sizeBytes: temp.sizeBytes,
        })
        return
      }
      const [own, current] = await Promise.all([weightsBlob(temp.name), weightsBlob(base.name)])
      if (own !== null && current !== null && own !== current) {
        stale.set(temp.name, {
          reason: `its base ${base.name} was pulled again with other weights`,
          weightsBlob: own,
          sizeBytes: temp.sizeBytes,
        })
      }
    } catch (error) {
      if (error instanceof CancelledError || error instanceof OllamaUnreachableError) throw error
      input.log.warn('could not compare a temporary model with its base; keeping it', {
        name: temp.name,
        error: messageOf(error),
      })
    }
  })
  // In listing order, as the sequential version filled it (reports and logs list them in that order).
  return new Map(
    temps.filter((temp) => stale.has(temp.name)).map((temp) => [temp.name, stale.get(temp.name) as Staleness]),
  )
}

/**
 * Disk the deleted stale models free: each old weights blob once, and only when no model that stays still uses it
 * (as far as the listing and the blobs read tell).
 */
export function freedBytes(deleted: readonly string[], stale: ReadonlyMap<string, Staleness>): number {
  const gone = new Set(deleted.map(modelKey))
  const kept = new Set([...stale].filter(([name]) => !gone.has(modelKey(name))).map(([, info]) => info.weightsBlob))
  const counted = new Set<string>()
  let total = 0
  for (const name of deleted) {
    const info = stale.get(name)
    if (info === undefined) continue
    const blob = info.weightsBlob ?? `unknown:${name}`
    if (counted.has(blob) || kept.has(blob)) continue
    counted.add(blob)
    total += info.sizeBytes
  }
  return total
}
