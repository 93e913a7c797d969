import { isTempModelName, modelKey, parseModelName } from '../ollama/model-name'
import type { ListedModel } from '../ollama/types'

/**
 * The current digest of every installed base, learnt from the latest complete listing, so a record of a temporary
 * model made from an older pull of its base (re-pulled since) is no longer trusted.
 */
export class BaseDigests {
  /** Canonical base name → digest, from the latest complete listing; `null` until the first one. */
  private digests: Map<string, string> | null = null

  /** Every complete listing tells the current digest of every installed base. */
  learn(models: ListedModel[]): void {
    const digests = new Map<string, string>()
    for (const m of models) {
      if (!isTempModelName(m.name) && parseModelName(m.name) !== null) digests.set(modelKey(m.name), m.digest)
    }
    this.digests = digests
  }

  /** Whether a model made from `baseModel` at `baseDigest` still matches that base; before any listing, it does. */
  stillValid(baseModel: string, baseDigest: string): boolean {
    if (this.digests === null) return true
    return parseModelName(baseModel) !== null && this.digests.get(modelKey(baseModel)) === baseDigest
  }
}
