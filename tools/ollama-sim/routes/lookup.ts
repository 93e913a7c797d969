import { sendError } from '../http'
import type { Exchange } from '../http'
import type { StoredModel } from '../manifest'
import { parseValidName, stripSourceSuffix } from '../names'
import type { ModelName } from '../names'
import type { SimState } from '../state'

/**
 * Parses a name the way `modelref` handlers do (whitespace trimmed, `:local` dropped); answers
 * 400 `invalid model name` and returns undefined when it is not valid.
 */
export function parseOrReject(ex: Exchange, raw: string): ModelName | undefined {
  const name = parseValidName(stripSourceSuffix(raw.trim()))
  if (name === undefined) sendError(ex.res, 400, 'invalid model name')
  return name
}

/** Case-insensitive lookup of an installed model. */
export function findModel(state: SimState, name: ModelName): StoredModel | undefined {
  return state.store.resolve(name)
}
