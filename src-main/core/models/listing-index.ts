import { modelKey } from '../ollama/model-name'
import type { ListedModel, RunningModel } from '../ollama/types'

/**
 * Models (listed or running) indexed once by `modelKey` and by digest, so looking one up costs one parse of the
 * name asked for instead of a parse of every indexed name (which made the clean-up grow with the square of the
 * number of models). Each lookup returns what a scan in the models' order would find first.
 */
export class NameDigestIndex<T extends { name: string; digest: string }> {
  private readonly items: T[] = []
  private readonly positionByKey = new Map<string, number>()
  private readonly positionByDigest = new Map<string, number>()

  constructor(items: readonly T[] = []) {
    for (const item of items) this.add(item)
  }

  /** Appends one model (after those already indexed). */
  add(item: T): void {
    const position = this.items.push(item) - 1
    const key = modelKey(item.name)
    if (!this.positionByKey.has(key)) this.positionByKey.set(key, position)
    if (!this.positionByDigest.has(item.digest)) this.positionByDigest.set(item.digest, position)
  }

  /** The first model Ollama reads as `name` (`sameModel`). */
  byName(name: string): T | undefined {
    const position = this.positionByKey.get(modelKey(name))
    return position === undefined ? undefined : this.items[position]
  }

  /**
   * The first model with this name or this digest (`find(digest equal || sameModel)`): whichever comes first when
   * they differ. A `null` digest looks by name only.
   */
  first(name: string, digest: string | null): T | undefined {
    const byKey = this.positionByKey.get(modelKey(name))
    const byDigest = digest === null ? undefined : this.positionByDigest.get(digest)
    const position = byKey === undefined ? byDigest : byDigest === undefined ? byKey : Math.min(byKey, byDigest)
    return position === undefined ? undefined : this.items[position]
  }
}

/** One `/api/tags` listing, indexed once (`NameDigestIndex`), with what the rules ask of it. */
export class ListingIndex {
  private readonly index: NameDigestIndex<ListedModel>

  constructor(models: readonly ListedModel[]) {
    this.index = new NameDigestIndex(models)
  }

  /**
   * The same index, built with `await pause()` after each model (`timeSlicer`): parsing thousands of names in one go
   * would hold the event loop for tens of milliseconds.
   */
  static async inSlices(models: readonly ListedModel[], pause: () => Promise<void>): Promise<ListingIndex> {
    const listing = new ListingIndex([])
    for (const model of models) {
      listing.index.add(model)
      await pause()
    }
    return listing
  }

  /** The first listed model Ollama reads as `name` (`sameModel`). */
  byName(name: string): ListedModel | undefined {
    return this.index.byName(name)
  }

  /** The first listed model with the runner's digest or name: `listing.find(digest equal || sameModel)`. */
  ofRunner(runner: RunningModel): ListedModel | undefined {
    return this.index.first(runner.name, runner.digest)
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
