import type { ModelInfo } from '../../src-shared/types'

// The same rule as main's: `ollmchat-temp/…` in any case, also spelled with the default registry in front. A
// namespace of that name on another registry holds models pulled from there, which main lists on purpose.
const TEMP_MODEL = /^(registry\.ollama\.ai\/)?ollmchat-temp\//i

/** True for the app's own derived `ollmchat-temp/…` models, whatever the letter case. */
export function isTempModelName(name: string): boolean {
  return TEMP_MODEL.test(name.trim())
}

/** The models a person may see or pick: every installed model except the app's temporary ones. */
export function visibleModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((model) => !isTempModelName(model.name))
}

/** `llama3` and `llama3:latest` are one model to Ollama; so are names that differ only in letter case. */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim().toLowerCase()
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1)
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`
}

/** True when two names mean the same model (`llama3` = `llama3:latest`). */
export function sameModelName(a: string, b: string): boolean {
  return canonicalModelName(a) === canonicalModelName(b)
}
