import type { ModelInfo } from '../../src-shared/types'

// A temp model may be listed with its namespace alone or behind a host (`host/ollmchat-temp/…`).
const TEMP_MODEL = /(^|\/)ollmchat-temp\//i

/** True for the app's own derived `ollmchat-temp/…` models, whatever the letter case or host prefix. */
export function isTempModelName(name: string): boolean {
  return TEMP_MODEL.test(name.trim())
}

/** The models a person may see or pick: every installed model except the app's temporary ones. */
export function visibleModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((model) => !isTempModelName(model.name))
}
