import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, ModelNotFoundError, OllamaUnreachableError } from '../ollama/errors'
import type { ListedModel } from '../ollama/types'

/**
 * The trained context of bases whose listing does not give it, from `/api/show`, cached per digest (a digest's
 * model never changes), so `num_ctx` can be checked against it before a temporary model is created.
 */
export class TrainedContexts {
  private readonly byDigest = new Map<string, number | null>()

  constructor(
    private readonly client: OllamaClient,
    private readonly log: Logger,
  ) {}

  /** The base's trained context; unknown (null) when show fails softly. */
  async of(base: ListedModel, signal: AbortSignal): Promise<number | null> {
    if (this.byDigest.has(base.digest)) return this.byDigest.get(base.digest) ?? null
    try {
      const shown = await this.client.show(base.name, { signal })
      this.byDigest.set(base.digest, shown.trainedContext)
      return shown.trainedContext
    } catch (error) {
      if (
        error instanceof CancelledError ||
        error instanceof OllamaUnreachableError ||
        error instanceof ModelNotFoundError
      )
        throw error
      this.log.warn('could not read the trained context of the base; not checking num_ctx against it', {
        base: base.name,
        error: messageOf(error),
      })
      return null
    }
  }
}
