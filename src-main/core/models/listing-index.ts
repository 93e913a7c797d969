import { modelKey } from '../ollama/model-name'
import type { ListedModel, RunningModel } from '../ollama/types'

/**
 * One `/api/tags` listing, indexed once by `modelKey` and by digest, so looking a model up costs one parse of the
 * name asked for instead of a parse of every listed name (which made the clean-up grow with the square of the
 * number of models). Each lookup returns what a scan of the listing in Ollama's order would find first.
 */
export class ListingIndex {
  private readonly positionByKey = new Map<string, number>()
  private readonly positionByDigest = new Map<string, number>()

  /** `indexNow` is false only for `inSlices`, which adds the models itself. */
  constructor(
    readonly models: readonly ListedModel[],
    indexNow = true,
  ) {
    if (indexNow) models.forEach((model, position) => this.add(model, position))
  }

  /**
   * The same index, built with `await pause()` after each model (`timeSlicer`): parsing thousands of names in one go
   * would hold the event loop for tens of milliseconds.
   */
  static async inSlices(models: readonly ListedModel[], pause: () => Promise<void>): Promise<ListingIndex> {
    const index = new ListingIndex(models, false)
    for (const [position, model] of models.entries()) {
      index.add(model, position)
      await pause()
    }
    return index
  }

  private add(model: ListedModel, position: number): void {
    const key = modelKey(model.name)
    if (!this.positionByKey.has(key)) this.positionByKey.set(key, position)
    if (!this.positionByDigest.has(model.digest)) this.positionByDigest.set(model.digest, position)
  }

  /** The first listed model Ollama reads as `name` (`sameModel`). */
  byName(name: string): ListedModel | undefined {
    const position = this.positionByKey.get(modelKey(name))
    return position === undefined ? undefined : this.models[position]
  }

  /** The first listed model with the runner's digest or name: `listing.find(digest equal || sameModel)`. */
  ofRunner(runner: RunningModel): ListedModel | undefined {
    const byKey = this.positionByKey.get(modelKey(runner.name))
    const byDigest = this.positionByDigest.get(runner.digest)
    const position = byKey === undefined ? byDigest : byDigest === undefined ? byKey : Math.min(byKey, byDigest)
    return position === undefined ? undefined : this.models[position]
  }

  /**
   * The base a runner's model was derived from (`details.parent_model` of the listed model with the runner's digest
   * or name); `null` when the listing does not know the model or it has no parent.
   */
  parentOf(runner: RunningModel): string | null {
    const entry = this.ofRunner(runner)
    return entry !== undefined && entry.parentModel !== '' ? entry.parentModel : null
  }
}
