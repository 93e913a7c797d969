import type { OllamaClient } from '../ollama/client'
import { isTempModelName, modelKey } from '../ollama/model-name'
import type { ListedModel, RunningModel } from '../ollama/types'
import type { TempModelManager } from './temp-model-manager'
import { tempModelNumCtx } from './temp-model-naming'
import { recordsByModel, type TempModelRecord } from './temp-model-registry'
import { RunnerUsage } from './temp-model-usage'

/** One temporary model listed on the host, with what the app knows about it. */
export interface TempFacts {
  entry: ListedModel
  record: TempModelRecord | undefined
  base: string | null
  numCtx: number | null
  /** Why a runner holds it (see `RunnerUsage.inUseReason`), or `null` when none does. */
  loaded: string | null
}

export interface TempSurvey {
  temps: TempFacts[]
  listing: ListedModel[]
  running: RunningModel[]
}

/**
 * Every temporary model listed on the host, with its record, base, context and whether a runner holds it. The
 * runners, the listing (only when a temporary model loaded a runner) and the records are indexed once per survey,
 * so it costs a few name parses per model however many there are. A `listing` the caller already read is reused.
 */
export async function surveyTempModels(
  deps: { client: OllamaClient; manager: TempModelManager },
  listing?: ListedModel[],
): Promise<TempSurvey> {
  listing ??= await deps.client.listAll()
  const entries = listing.filter((m) => isTempModelName(m.name))
  const running = entries.length === 0 ? [] : await deps.client.running()
  const records = await recordsByModel(deps.manager.records())
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
