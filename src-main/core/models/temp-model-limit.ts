import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { isTempModelName } from '../ollama/model-name'
import type { TempModelManager } from './temp-model-manager'
import { surveyTempModels, type TempFacts } from './temp-model-survey'

/** When it was last used, as a number to sort by; a time that does not parse sorts first (it goes first). */
const lastUse = (temp: TempFacts): number => {
  const time = Date.parse(temp.record?.lastUsedAt ?? temp.record?.createdAt ?? temp.entry.modifiedAt)
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time
}

/**
 * Deletes the least recently used temporary models over `limit()`, never one that is held or loaded; returns the
 * names it deleted. The caller runs it as a deleting pass, so it counts what a pass queued ahead of it left.
 * Counting needs only the listing: `/api/ps` is read only when some must go, so a create within the limit (every
 * create runs this) costs one request, not two.
 */
export async function enforceTempModelLimit(deps: {
  client: OllamaClient
  manager: TempModelManager
  limit(): number
  log: Logger
}): Promise<string[]> {
  const { client, manager, log } = deps
  const listing = await client.listAll()
  if (listing.filter((m) => isTempModelName(m.name)).length <= deps.limit()) return []
  const { temps } = await surveyTempModels(deps, listing)
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
  if (deleted.length > 0)
    log.info('removed the least recently used temporary models over the limit', { limit: deps.limit(), deleted })
  return deleted
}
