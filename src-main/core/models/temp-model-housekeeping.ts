import type { TempCleanupReport, TempModelInfo } from '../../../src-shared/types'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError } from '../ollama/errors'
import { isTempModelName, modelKey, sameModel } from '../ollama/model-name'
import type { ListedModel, RunningModel } from '../ollama/types'
import type { TempModelManager } from './temp-model-manager'
import { tempModelNumCtx } from './temp-model-naming'
import { recordsByModel, type TempModelRecord } from './temp-model-registry'
import { findStaleTempModels } from './temp-model-staleness'
import { RunnerUsage } from './temp-model-usage'

/**
 * Managing the temporary models of one host in the open: listing them with what is known about each, the clean-up on
 * demand, removing all of them, the limit on how many may exist, and deleting those of a base. Nothing here ever
 * deletes a temporary model a reply of this app holds.
 */
export interface TempModelHousekeeping {
  list(): Promise<TempModelInfo[]>
  /** Unloads (when loaded) and deletes every temporary model on the host but those a reply holds. */
  removeAll(): Promise<TempCleanupReport>
  /**
   * Deletes the installed model `base` and the temporary models made from it (each unloaded first when loaded), as one
   * deleting pass, so no chat is handed one of them meanwhile. `stillFree` runs first inside the pass and throws to
   * refuse (a reply that began while the pass waited its turn). Returns the temporary models deleted.
   */
  deleteBase(base: string, opts: { baseLoaded: boolean; stillFree(): void }): Promise<string[]>
  /**
   * Keeps at most `limit()` temporary models: the least recently used that is neither held nor loaded goes first.
   * Returns the names it deleted.
   */
  enforceLimit(): Promise<string[]>
}

interface TempFacts {
  entry: ListedModel
  record: TempModelRecord | undefined
  base: string | null
  numCtx: number | null
  loaded: string | null
}

export function createTempModelHousekeeping(deps: {
  client: OllamaClient
  manager: TempModelManager
  limit(): number
  log: Logger
}): TempModelHousekeeping {
  const { client, manager, log } = deps

  /**
   * Every temporary model listed on the host, with its record, base, context and whether a runner holds it. The
   * runners, the listing (only when a temporary model loaded a runner) and the records are indexed once per survey,
   * so it costs a few name parses per model however many there are.
   */
  const survey = async (
    listing?: ListedModel[],
  ): Promise<{ temps: TempFacts[]; listing: ListedModel[]; running: RunningModel[] }> => {
    listing ??= await client.listAll()
    const entries = listing.filter((m) => isTempModelName(m.name))
    const running = entries.length === 0 ? [] : await client.running()
    const records = await recordsByModel(manager.records())
    const usage = RunnerUsage.of(running, listing)
    const temps = entries.map((entry) => {
      const record = records.get(modelKey(entry.name))?.[0]
      const base = entry.parentModel !== '' ? entry.parentModel : (record?.baseModel ?? null)
      const numCtx = tempModelNumCtx(entry.name) ?? record?.numCtx ?? null
      const loaded = usage.inUseReason({ name: entry.name, digest: entry.digest, parentModel: base, numCtx })
      return { entry, record, base, numCtx, loaded }
    })
    return { temps, listing, running }
  }

  /** Unloads a loaded temporary model (its runner, shared with the base) and deletes it. */
  const unloadAndDelete = async (temp: TempFacts): Promise<void> => {
    if (temp.loaded !== null) await client.unload(temp.entry.name).catch(() => false)
    await client.delete(temp.entry.name)
    manager.invalidate(temp.entry.name)
  }

  /** When it was last used, as a number to sort by; a time that does not parse sorts first (it goes first). */
  const lastUse = (temp: TempFacts): number => {
    const time = Date.parse(temp.record?.lastUsedAt ?? temp.record?.createdAt ?? temp.entry.modifiedAt)
    return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time
  }

  // Run as a deleting pass, so it counts what a pass queued ahead of it left.
  // Counting needs only the listing: `/api/ps` is read only when some must go, so a create within the limit (every
  // create runs this) costs one request, not two.
  const enforceLimitNow = async (): Promise<string[]> => {
    const listing = await client.listAll()
    if (listing.filter((m) => isTempModelName(m.name)).length <= deps.limit()) return []
    const { temps } = await survey(listing)
    const excess = temps.length - deps.limit()
    if (excess <= 0) return []
    const candidates = temps
      .filter((temp) => temp.loaded === null && !manager.isHeld(temp.entry.name))
      .sort((a, b) => lastUse(a) - lastUse(b))
    const deleted: string[] = []
    for (const temp of candidates) {
      if (deleted.length === excess) break
      // A reply may have taken it since the survey.
      if (manager.isHeld(temp.entry.name)) continue
      try {
        await client.delete(temp.entry.name)
        manager.invalidate(temp.entry.name)
        deleted.push(temp.entry.name)
      } catch (error) {
        log.warn('could not remove a temporary model over the limit', { name: temp.entry.name, error: messageOf(error) })
      }
    }
    if (deleted.length > 0) log.info('removed the least recently used temporary models over the limit', { limit: deps.limit(), deleted })
    return deleted
  }

  return {
    async list() {
      const { temps, listing } = await survey()
      const recordByName = new Map(temps.map((temp) => [temp.entry.name, temp.record]))
      const stale = await findStaleTempModels({ client, listing, recordFor: (name) => recordByName.get(name), log })
      return temps.map((temp) => ({
        name: temp.entry.name,
        baseModel: temp.base,
        numCtx: temp.numCtx,
        createdAt: temp.record?.createdAt ?? null,
        lastUsedAt: temp.record?.lastUsedAt ?? null,
        loaded: temp.loaded !== null,
        inUse: manager.isHeld(temp.entry.name),
        stale: stale.get(temp.entry.name)?.reason ?? null,
        sizeBytes: temp.entry.sizeBytes,
      }))
    },
    removeAll: () => manager.exclusive(async () => {
      const { temps } = await survey()
      const report: TempCleanupReport = { deleted: [], kept: [], failed: [], freedBytes: 0 }
      for (const temp of temps) {
        if (manager.isHeld(temp.entry.name)) {
          report.kept.push({ name: temp.entry.name, reason: 'a chat in ollmchat is using it' })
          continue
        }
        try {
          await unloadAndDelete(temp)
          report.deleted.push(temp.entry.name)
        } catch (error) {
          if (error instanceof CancelledError) throw error
          report.failed.push({ name: temp.entry.name, error: messageOf(error) })
        }
      }
      log.info('removed all temporary models', { deleted: report.deleted, kept: report.kept.map((k) => k.name), failed: report.failed.map((f) => f.name) })
      return report
    }),
    deleteBase: (base, opts) => manager.exclusive(async () => {
      opts.stillFree()
      const { temps } = await survey()
      const deleted: string[] = []
      // Its temporary models first: they keep the base's weights on disk, and would be left without a base.
      for (const temp of temps.filter((t) => t.base !== null && sameModel(t.base, base))) {
        await unloadAndDelete(temp)
        deleted.push(temp.entry.name)
      }
      if (opts.baseLoaded) await client.unload(base).catch(() => false)
      await client.delete(base)
      return deleted
    }),
    enforceLimit: () => manager.exclusive(enforceLimitNow),
  }
}
