import { thinkControlFor, thinkFits, type ThinkControl, type ThinkSetting } from '../../../src-shared/conversation-options'
import { canReadImages } from '../../../src-shared/image-rule'
import { capabilitiesOf, type ModelDetails } from '../models/model-catalog'

/**
 * What the conversation's model can take in a request, from the catalog's cached details (`ReplyContext.details`:
 * no request on a warm turn). Read once per reply, so every turn follows the model the conversation has now.
 */
export interface ModelAbilities {
  readsImages: boolean
  think: ThinkControl
}

/**
 * `null` when Ollama could not say (it could not even list its models, so the reply fails on its own and nothing
 * the user chose is dropped on a guess).
 */
export function abilitiesOf(details: ModelDetails | null): ModelAbilities | null {
  if (details === null) return null
  const capabilities = capabilitiesOf(details.listed, details.shown)
  const family = details.listed.family ?? details.shown?.family ?? null
  return { readsImages: canReadImages(capabilities), think: thinkControlFor({ capabilities, family }) }
}

/** The conversation's thinking choice as the request may carry it (`thinkFits`); `null`: send no `think`. */
export function thinkToSend(think: ThinkSetting | null, abilities: ModelAbilities | null): ThinkSetting | null {
  if (think === null || abilities === null) return think
  return thinkFits(think, abilities.think) ? think : null
}
