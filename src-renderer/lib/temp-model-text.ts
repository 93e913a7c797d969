import type { EventMap } from '../../src-shared/ipc/contract'
import { aContext, shortModelName } from '../../src-shared/format'

/** "Prepared llama3 with a 16K context (ollmchat-temp/llama3-oc16384)". */
export function tempModelCreatedText(event: EventMap['tempModels:created']): string {
  return `Prepared ${shortModelName(event.baseModel)} with ${aContext(event.numCtx)} (${shortModelName(event.name)})`
}
