import {
  thinkControlFor,
  thinkFits,
  type ThinkControl,
  type ThinkSetting,
} from '../../../src-shared/conversation-options'
import { canReadImages } from '../../../src-shared/image-rule'
import { capabilitiesOf, type ModelDetails } from '../models/model-catalog'

/**
 * What the conversation's model can take in a request, from what the catalog already knows (`knownDetails`: never a
 * request). Read once per reply, so every turn follows the model the conversation has now.
 */
export interface ModelAbilities {
  readsImages: boolean
  think: ThinkControl
}

/**
 * `null` when nothing says what the model can do: it is not in the latest listing, or neither `/api/tags` (before
 * Ollama 0.30) nor a cached `/api/show` named its capabilities. Nothing the user chose is then dropped on a guess.
 */
export function abilitiesOf(details: ModelDetails | null): ModelAbilities | null {
  if (details === null) return null
  const capabilities = capabilitiesOf(details.listed, details.shown)
  if (capabilities.length === 0) return null
  const family = details.listed.family ?? details.shown?.family ?? null
  return { readsImages: canReadImages(capabilities), think: thinkControlFor({ capabilities, family }) }
}

/** The conversation's thinking choice as the request may carry it (`thinkFits`); `null`: send no `think`. */
export function thinkToSend(think: ThinkSetting | null, abilities: ModelAbilities | null): ThinkSetting | null {
  if (think === null || abilities === null) return think
  return thinkFits(think, abilities.think) ? think : null
}
