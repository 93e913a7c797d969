import { aContext, formatBytes, formatContext, shortModelName } from '../../../src-shared/format'
import { numCtxStepsFor } from '../../../src-shared/limits'
import { estimateMemory, type MemoryModel } from './memory-estimate'

/** The one-click "Raise the context" of a truncation notice: a value, or why there is none. */
export interface RaiseTarget {
  raiseTo: number | null
  blockedReason: string | null
}

/** Room for the reply on top of a prompt when choosing a context for it (Ollama reserves none). */
const REPLY_ROOM = 1.25

/**
 * The smallest context step (up to the trained length) that holds `tokens` with room for a reply; `null` when even
 * the trained length does not. The one rule for "a context that holds it", used by the notice and the refusal.
 */
export function contextThatHolds(tokens: number, trainedContext: number | null): number | null {
  return numCtxStepsFor(trainedContext).find((step) => step >= tokens * REPLY_ROOM) ?? null
}

/**
 * The next context step above what the model runs with (or, for a cut message, the first that holds it), capped
 * at its trained length and at what fits in memory: a step whose estimate reaches a load that already ran out of
 * memory on this host is not offered. `current` is the context it runs with now (the effective one when known).
 */
export function raiseTarget(
  model: string,
  current: number,
  facts: MemoryModel & { outOfMemoryFloor: number | null; neededTokens: number },
): RaiseTarget {
  const name = shortModelName(model)
  const next = contextThatHolds(Math.max(current + 1, facts.neededTokens), facts.trainedContext)
  if (next === null) {
    const trained = facts.trainedContext === null ? '' : ` (${formatContext(facts.trainedContext)})`
    return {
      raiseTo: null,
      blockedReason: `${name} already runs with the longest context it was trained for${trained}.`,
    }
  }
  const estimate = estimateMemory(facts, next, null)
  if (estimate !== null && facts.outOfMemoryFloor !== null && estimate.totalBytes >= facts.outOfMemoryFloor) {
    return {
      raiseTo: null,
      blockedReason: `${aContext(next, { capital: true })} would not fit in memory: it needs about ${formatBytes(estimate.totalBytes)}, and Ollama already ran out at ${formatBytes(facts.outOfMemoryFloor)}.`,
    }
  }
  return { raiseTo: next, blockedReason: null }
}
