import { setTimeout as delay } from 'node:timers/promises'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaUnreachableError } from '../ollama/errors'
import { isTempModelName, modelKey } from '../ollama/model-name'
import type { ListedModel } from '../ollama/types'
import { timeSlicer } from '../time-slice'
import { formatBytes } from '../../../src-shared/format'
import type { ConcurrencyBounds } from './adaptive-concurrency'
import { ListingIndex } from './listing-index'
import { deleteTempModels } from './temp-model-deletes'
import { sampleForLog } from './log-sample'
import { findStaleTempModels, freedBytes, type Staleness } from './temp-model-staleness'
import { recordsByModel, type TempModelRecord } from './temp-model-registry'
import { tempModelNumCtx } from './temp-model-naming'
import { RunnerUsage } from './temp-model-usage'

/** What a clean-up did. Names are as Ollama listed them. */
export interface CleanupReport {
  /** Deleted now, or already gone when the delete arrived (404). */
  deleted: string[]
  kept: { name: string; reason: string }[]
  /** Deletes that failed; `name` is empty when the pass itself failed before deciding anything. */
  failed: { name: string; error: string }[]
  /** About how much disk the deleted models freed (old weights that only stale temporary models kept). */
  freedBytes: number
}

/** What a pass needs from the manager. */
export interface CleanupDeps {
  client: OllamaClient
  log: Logger
  /** Deletes in flight: adapted to their round trips within these bounds (`AdaptiveConcurrency`). */
  concurrency: ConcurrencyBounds
  /** A chat of this app holds it right now. */
  isAcquired(name: string): boolean
  /** A create for it is in flight. */
  isCreating(name: string): boolean
  /** What the app remembers about the temporary models of this host: read once per pass. */
  records(): readonly TempModelRecord[]
  /** The model is gone: drop the record stored under exactly this path. */
  forget(recordPath: string): void
  /**
   * Keeps every current (not stale) temporary model used since this time, so the next chat with it needs no create
   * (the clean-up while the app is open); absent at start-up, which removes every unused one.
   */
  keepUsedSince?: Date
  /** Most work done between two turns of the event loop (`timeSlicer`; default 10 ms). */
  sliceMs?: number
}

/** When a temporary model was last used: by a reply of this app, else when it was made, else as Ollama dates it. */
function lastUseOf(record: TempModelRecord | undefined, listedAt: string): number {
  return Date.parse(record?.lastUsedAt ?? record?.createdAt ?? listedAt)
}

/** Thousands of names would make one enormous line: logs the counts, and the first few of each list. */
function logCleanupReport(log: Logger, report: CleanupReport, stale: ReadonlyMap<string, Staleness>): void {
  log.info('cleaned up temporary models', {
    counts: { deleted: report.deleted.length, kept: report.kept.length, failed: report.failed.length },
    deleted: sampleForLog(
      report.deleted.map((name) => (stale.has(name) ? `${name}: ${stale.get(name)?.reason}` : name)),
    ),
    freed: formatBytes(report.freedBytes),
    kept: sampleForLog(report.kept.map((k) => `${k.name}: ${k.reason}`)),
    failed: sampleForLog(report.failed.map((f) => `${f.name}: ${f.error}`)),
  })
}

/**
 * One clean-up pass: lists every temporary model (whoever made it), reads `/api/ps` once (only if there is any),
 * keeps those in use (see `tempInUseReason`) or held by a chat of this app, and deletes the rest with a concurrency
 * that adapts to the deletes' round trips. A stale one (its base removed, or pulled again with other weights:
 * `findStaleTempModels`) goes even when Ollama has it loaded, unless a chat of this app holds it. Only names
 * `isTempModelName` accepts are ever deleted. The hold is checked again right before each delete, so a chat that
 * starts during the pass keeps its model. Throws when listing or `/api/ps` fails.
 *
 * Linear in the number of models: the listing, `/api/ps` and the records are indexed once per pass and each name
 * is parsed once. Every loop over the models (reading the listing, indexing, the staleness check, deciding) gives
 * the event loop a turn every few milliseconds (`timeSlicer`, one budget for the whole pass), so the window keeps
 * being served while thousands of models are looked at.
 */
export async function cleanupPass(deps: CleanupDeps, signal?: AbortSignal): Promise<CleanupReport> {
  const { client, log } = deps
  const report: CleanupReport = { deleted: [], kept: [], failed: [], freedBytes: 0 }
  const listing = await client.listAll({ signal })
  const temps = listing.filter((m) => isTempModelName(m.name))
  if (temps.length === 0) {
    log.info('no temporary models to clean up')
    return report
  }
  const running = await client.running({ signal })
  const pause = timeSlicer(deps.sliceMs)
  const records = await recordsByModel(deps.records(), pause)
  const recordFor = (name: string) => records.get(modelKey(name))?.[0]
  const stale = await findStaleTempModels({
    client,
    listing,
    recordFor,
    log,
    signal,
    pause,
    concurrency: deps.concurrency.initial,
  })
  const usage = new RunnerUsage(
    running,
    RunnerUsage.needsListing(running) ? await ListingIndex.inSlices(listing, pause) : null,
  )
  /** Why a temporary model stays, or `null` when it may go. A stale one goes unless a chat holds it. */
  const keepReason = (temp: ListedModel): string | null => {
    if (deps.isAcquired(temp.name)) return 'a chat in ollmchat is using it'
    if (stale.has(temp.name)) return null
    const record = recordFor(temp.name)
    if (deps.keepUsedSince !== undefined && lastUseOf(record, temp.modifiedAt) >= deps.keepUsedSince.getTime()) {
      return 'used recently; kept for the next chat'
    }
    const parentModel = temp.parentModel !== '' ? temp.parentModel : (record?.baseModel ?? null)
    const numCtx = tempModelNumCtx(temp.name) ?? record?.numCtx ?? null
    return usage.inUseReason({ name: temp.name, digest: temp.digest, parentModel, numCtx })
  }
  const candidates: string[] = []
  for (const temp of temps) {
    const reason = keepReason(temp)
    if (reason === null) candidates.push(temp.name)
    else report.kept.push({ name: temp.name, reason })
    await pause()
  }
  await deleteTempModels(
    candidates,
    {
      client,
      log,
      signal,
      concurrency: deps.concurrency,
      isAcquired: (name) => deps.isAcquired(name),
      isCreating: (name) => deps.isCreating(name),
      // Every record of the model goes, whichever spelling it was stored under.
      forgetModel: (name) => {
        for (const record of records.get(modelKey(name)) ?? []) deps.forget(record.path)
      },
    },
    report,
  )
  report.freedBytes = freedBytes(report.deleted, stale)
  logCleanupReport(log, report, stale)
  return report
}

const emptyReport = (): CleanupReport => ({ deleted: [], kept: [], failed: [], freedBytes: 0 })

/** Waits `ms`; `false` when `signal` aborted first (or already had). */
async function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal })
    return true
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return false
    throw error
  }
}

/**
 * Runs `pass` until it succeeds, waiting `delaysMs[i]` after the i-th failure while Ollama is unreachable (the
 * last delay repeats). Never throws: a cancel returns an empty report, any other failure is logged and reported
 * as one `failed` entry with an empty name.
 */
export async function retryWhileUnreachable(
  pass: () => Promise<CleanupReport>,
  delaysMs: readonly number[],
  log: Logger,
  signal?: AbortSignal,
): Promise<CleanupReport> {
  const aborted = () => signal?.aborted === true
  for (let attempt = 0; ; attempt++) {
    if (aborted()) return emptyReport()
    try {
      return await pass()
    } catch (error) {
      if (error instanceof CancelledError || aborted()) return emptyReport()
      const delay = delaysMs[Math.min(attempt, delaysMs.length - 1)]
      if (!(error instanceof OllamaUnreachableError) || delay === undefined) {
        log.error('temporary model clean-up failed', { error: messageOf(error) })
        return { ...emptyReport(), failed: [{ name: '', error: messageOf(error) }] }
      }
      // Said once: Ollama may stay down for hours, and a line every 30 s would bury the rest of the log.
      if (attempt === 0)
        log.info('Ollama is not reachable yet; temporary model clean-up will run once it is', { host: error.host })
      if (!(await sleep(delay, signal))) return emptyReport()
    }
  }
}
