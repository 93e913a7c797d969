import type { TempCleanupReport, TempModelInfo } from '../../../src-shared/types'
import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError } from '../ollama/errors'
import { sameModel } from '../ollama/model-name'
import type { TempModelManager } from './temp-model-manager'
import { enforceTempModelLimit } from './temp-model-limit'
import { findStaleTempModels } from './temp-model-staleness'
import { surveyTempModels, type TempFacts } from './temp-model-survey'

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

export function createTempModelHousekeeping(deps: {
  client: OllamaClient
  manager: TempModelManager
  limit(): number
  log: Logger
}): TempModelHousekeeping {
  const { client, manager, log } = deps
  const survey = () => surveyTempModels(deps)

  /** Unloads a loaded temporary model (its runner, shared with the base) and deletes it. */
  const unloadAndDelete = async (temp: TempFacts): Promise<void> => {
    if (temp.loaded !== null) await client.unload(temp.entry.name).catch(() => false)
    await client.delete(temp.entry.name)
    manager.invalidate(temp.entry.name)
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
    removeAll: () =>
      manager.exclusive(async () => {
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
        log.info('removed all temporary models', {
          deleted: report.deleted,
          kept: report.kept.map((k) => k.name),
          failed: report.failed.map((f) => f.name),
        })
        return report
      }),
    deleteBase: (base, opts) =>
      manager.exclusive(async () => {
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
    enforceLimit: () => manager.exclusive(() => enforceTempModelLimit(deps)),
  }
}
