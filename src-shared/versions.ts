import { MIN_OLLAMA_VERSION } from './limits'

/** `0.5.4` → `[0, 5, 4]`; a pre-release suffix (`-rc2`) is ignored; `null` for anything that is not a version. */
function parts(version: string): number[] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim())
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])]
}

/**
 * Why an Ollama of `version` is too old for ollmchat, or `null`. Before 0.5.5 `/api/create` cannot derive a model
 * from another with `from` and `parameters`, which every custom context needs. Development builds report `0.0.0`
 * and unknown strings say nothing, so neither is judged.
 */
export function tooOldReason(version: string | null): string | null {
  const have = version === null ? null : parts(version)
  const need = parts(MIN_OLLAMA_VERSION)
  if (have === null || need === null || have.every((part) => part === 0)) return null
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return null
    if ((have[i] ?? 0) < (need[i] ?? 0)) {
      return `Ollama ${version} is older than ${MIN_OLLAMA_VERSION}: it cannot create the temporary models a custom context needs. Update Ollama.`
    }
  }
  return null
}
