import { numCtxStepsFor } from '../../../src-shared/limits'
import type { MemoryEstimate } from '../../../src-shared/types'
import { kvCacheBytes, type KvShape } from '../ollama/show-model-info'

/** What a memory estimate needs to know about a model. */
export interface MemoryModel {
  /** The weights on disk (`/api/tags` `size`), which a load brings into memory as they are. */
  weightsBytes: number
  kvShape: KvShape | null
  trainedContext: number | null
}

/**
 * Memory at `numCtx`: the weights plus the f16 KV cache (`kvCacheBytes`). Ollama adds a compute graph of a few
 * hundred megabytes and multiplies the cache by `OLLAMA_NUM_PARALLEL` (1 by default), so this is the floor of what a
 * load needs; `null` when the model's shape is unknown. Ollama clamps a context above the trained length to it, so
 * the estimate does too.
 */
export function estimateMemory(model: MemoryModel, numCtx: number, gpuBytes: number | null): MemoryEstimate | null {
  if (model.kvShape === null) return null
  const tokens = model.trainedContext !== null ? Math.min(numCtx, model.trainedContext) : numCtx
  const kvCache = kvCacheBytes(model.kvShape, tokens)
  return { weightsBytes: model.weightsBytes, kvCacheBytes: kvCache, totalBytes: model.weightsBytes + kvCache, gpuBytes }
}

/**
 * The largest context step (at least `minimum`) whose estimate stays within `budgetBytes`, or `null` when even the
 * smallest does not fit or the shape is unknown. Steps are the Models page's (2K, 4K, … up to the trained length).
 */
export function largestStepWithin(
  model: MemoryModel,
  budgetBytes: number,
  options: { below?: number; minimum: number },
): number | null {
  const steps = numCtxStepsFor(model.trainedContext).filter(
    (step) => step >= options.minimum && (options.below === undefined || step < options.below),
  )
  let best: number | null = null
  for (const step of steps) {
    const estimate = estimateMemory(model, step, null)
    if (estimate !== null && estimate.totalBytes <= budgetBytes) best = step
  }
  return best
}
