/** `0.5.4` → [0, 5, 4]; a pre-release suffix (`-rc0`) is ignored; undefined for anything that is not a version. */
function versionParts(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim())
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])]
}

/**
 * True when `version` is a release before `minimum`. A release candidate counts as its release (v0.5.5-rc0 already
 * has v0.5.5's changes); a development build (`0.0.0`, built from current sources) and anything unparsable count as
 * current.
 */
export function isOlderThan(version: string, minimum: string): boolean {
  const have = versionParts(version)
  const need = versionParts(minimum)
  if (have === undefined || need === undefined || have.every((part) => part === 0)) return false
  for (let i = 0; i < 3; i++) {
    if (have[i] !== need[i]) return (have[i] ?? 0) < (need[i] ?? 0)
  }
  return false
}

/** The JSON create API (`from`, `files`, `parameters`…): ollama/ollama 86a622c, first in v0.5.5-rc0 and v0.5.5. */
export const JSON_CREATE_VERSION = '0.5.5'
