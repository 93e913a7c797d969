import type { PromptEstimate, PromptPart } from './prompt-estimate'

/** What Ollama did to fit the prompt, as far as its report tells. */
export interface TruncationFinding {
  truncated: boolean
  /** Earlier user and assistant messages the model no longer saw. */
  droppedMessages: number
  /** Even the last message (with the system prompt) did not fit: only its end was kept. */
  messageCut: boolean
}

export const NOTHING_DROPPED: TruncationFinding = { truncated: false, droppedMessages: 0, messageCut: false }

/** A report this close to the effective context "fills" it (Ollama stops truncating as soon as the rest fits). */
const FILL_TOLERANCE = 0.02

/**
 * Compares the prompt Ollama reports (`prompt_eval_count`, the prompt *after* truncation) with the prompt sent.
 *
 * Ollama (`truncateNativeChatMessages`, `chatPrompt`) drops whole messages from the front, keeps every system
 * message and the last message, and stops as soon as the rest fits; it never says so, and with messages of similar
 * size the reported count need not even fall. So: when the report is clearly below what was sent (by more than the
 * estimate's own uncertainty), the number of leading droppable messages that best explains the gap is what was
 * dropped. If dropping all of them still does not explain it, the last message itself was cut (the rendered path's
 * context shift keeps only its end). Within the uncertainty nothing is reported: no false alarms while it fits. One
 * exception: a report that fills the effective context while less than was sent arrived (by a third of the
 * uncertainty) means Ollama had to cut, even when the gap alone would pass for noise.
 */
export function findTruncation(
  parts: readonly PromptPart[],
  estimate: PromptEstimate,
  reportedPromptTokens: number | null,
  effective: number | null,
): TruncationFinding {
  if (reportedPromptTokens === null) return NOTHING_DROPPED
  const ceiling = reportedPromptTokens + estimate.uncertainty
  const gap = estimate.expected - reportedPromptTokens
  const fills = effective !== null && reportedPromptTokens >= effective * (1 - FILL_TOLERANCE)
  const filledAndShort =
    fills &&
    gap > Math.max(24, estimate.uncertainty / 3) &&
    parts.some((part, i) => i < parts.length - 1 && part.role !== 'system')
  if (estimate.expected <= ceiling && !filledAndShort) return NOTHING_DROPPED
  // The count that explains the gap best: the estimate is unbiased, so its middle, not its upper bound, is the
  // best guess (stopping at the upper bound would count short by about `uncertainty` worth of messages).
  let remaining = estimate.expected
  let dropped = 0
  let best = { dropped: 0, miss: Math.abs(remaining - reportedPromptTokens) }
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i]?.role === 'system') continue
    remaining -= estimate.perPart[i] ?? 0
    dropped++
    const miss = Math.abs(remaining - reportedPromptTokens)
    if (miss < best.miss) best = { dropped, miss }
  }
  return {
    truncated: true,
    droppedMessages: Math.max(best.dropped, filledAndShort ? 1 : 0),
    messageCut: remaining > ceiling,
  }
}
