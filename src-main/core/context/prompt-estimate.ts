import { TOKENS_PER_IMAGE } from '../../../src-shared/image-rule'
import type { PromptEntry } from '../chat/conversation-text'

/**
 * How many tokens a prompt holds, worked out without a tokenizer (Ollama offers none over its API). Ollama reports
 * exact numbers after each reply, so the estimate leans on them wherever it can:
 * - an earlier reply that was not truncated is an **anchor**: Ollama's `prompt_eval_count` for it is exactly the
 *   tokens of every message before it;
 * - a reply's own `eval_count` is exactly its tokens (unless it had thinking, which is not sent back);
 * - only what remains (the new message, replies without numbers) is estimated from its characters, at a rate
 *   calibrated on the conversation's own anchors (about 4 characters per token for English until then);
 * - each image counts {@link TOKENS_PER_IMAGE}, as Ollama counts it when it fits history into the context.
 * The result carries its own uncertainty, so a caller can tell "Ollama dropped something" from estimation noise.
 */

/** Template tokens around each message (role header and end marker; Llama 3's template uses 4 to 5). */
export const TOKENS_PER_MESSAGE = 4
/** The usual rate for English text before a conversation has taught a better one. */
export const DEFAULT_TOKENS_PER_CHAR = 0.25
/** How far a character-based guess may be off (code, other languages): a third either way. */
const GUESS_ERROR = 0.35
/** Below this many characters a calibration says more about the template than about the text. */
const MIN_CALIBRATION_CHARS = 200
/**
 * How far an image may be off either way: Ollama's 768 is its own stand-in (`server/prompt.go` `chatPrompt`), while
 * the model's projector decides what `prompt_eval_count` really holds (gemma3 256 tokens, llava 576, more for
 * large images on qwen2.5-vl). Without this margin a prompt with images would look truncated.
 */
const IMAGE_TOKEN_ERROR = 640

/** One message as the estimate sees it. */
export interface PromptPart {
  role: 'system' | 'user' | 'assistant'
  chars: number
  /** Images sent with it (user messages), {@link TOKENS_PER_IMAGE} tokens each. */
  images?: number
  /** Exact tokens of this message when Ollama reported them (a reply's `eval_count`). */
  knownTokens: number | null
  /** For a reply that was not truncated: Ollama's exact count of the prompt before it. */
  anchorPromptTokens: number | null
}

export interface PromptEstimate {
  /** Tokens of the whole prompt as sent. */
  expected: number
  /** How far `expected` may be off either way. */
  uncertainty: number
  /** Tokens of each part, summing to `expected`. */
  perPart: number[]
}

/** What the prompt is being sent to now, so earlier replies' counts are trusted only when they still apply. */
export interface PromptBasis {
  /** The conversation's model as Ollama lists it. */
  model: string
  systemPromptChars: number
}

/**
 * The parts of a prompt, with what earlier replies reported about themselves. A reply's counts are in its model's
 * tokens and include the system prompt it was sent with: they are used only when both are still the same (another
 * tokenizer, or an edited system prompt, would make an exact count wrong, and a wrong count looks like truncation).
 */
export function promptParts(entries: readonly PromptEntry[], basis: PromptBasis | null): PromptPart[] {
  return entries.map(({ message, source }) => {
    const reply = source?.role === 'assistant' && basis !== null && source.model === basis.model ? source : null
    const replyTokens = reply?.stats?.replyTokens
    const report = reply?.context ?? null
    const samePrompt = report !== null && report.systemPromptChars === basis?.systemPromptChars
    return {
      role: message.role,
      chars: message.content.length,
      images: message.images?.length ?? 0,
      // Thinking counts in eval_count but is not sent back, so such a reply is estimated from its text instead.
      knownTokens:
        reply !== null && reply.thinking === '' && reply.status === 'complete' && replyTokens !== undefined
          ? replyTokens
          : null,
      anchorPromptTokens: samePrompt && !report.truncated && report.promptTokens !== null ? report.promptTokens : null,
    }
  })
}

const guess = (part: PromptPart, tokensPerChar: number) => Math.ceil(part.chars * tokensPerChar)
const imageTokens = (part: PromptPart) => (part.images ?? 0) * TOKENS_PER_IMAGE

/** Tokens per character learnt from the conversation's last two anchors; the usual English rate until then. */
export function calibrate(parts: readonly PromptPart[]): number {
  const anchors = parts.flatMap((part, index) => (part.anchorPromptTokens === null ? [] : [index]))
  const between = (from: number, to: number, base: number): number | null => {
    let known = 0
    let chars = 0
    for (const part of parts.slice(from, to)) {
      known += TOKENS_PER_MESSAGE + imageTokens(part)
      if (part.knownTokens !== null) known += part.knownTokens
      else chars += part.chars
    }
    const rate = (base - known) / chars
    return chars >= MIN_CALIBRATION_CHARS && rate >= 0.05 && rate <= 2 ? rate : null
  }
  const last = anchors.at(-1)
  const previous = anchors.at(-2)
  if (last !== undefined && previous !== undefined) {
    const rate = between(
      previous,
      last,
      (parts[last]?.anchorPromptTokens ?? 0) - (parts[previous]?.anchorPromptTokens ?? 0),
    )
    if (rate !== null) return rate
  }
  // One anchor is not enough: its count also holds what Ollama adds unseen (a Modelfile SYSTEM, the BOS token),
  // which would pass for a higher rate. The difference between two anchors cancels that out.
  return DEFAULT_TOKENS_PER_CHAR
}

/** The tokens of the prompt the parts make up (see the module comment). */
export function estimatePrompt(parts: readonly PromptPart[]): PromptEstimate {
  const rate = calibrate(parts)
  const own = parts.map((part) => (part.knownTokens ?? guess(part, rate)) + TOKENS_PER_MESSAGE + imageTokens(part))
  let anchor = -1
  parts.forEach((part, index) => {
    if (part.anchorPromptTokens !== null) anchor = index
  })
  const perPart = [...own]
  if (anchor > 0) {
    // The anchor's count is exact for everything before it: spread it over those parts in proportion.
    const exact = parts[anchor]?.anchorPromptTokens ?? 0
    const estimated = own.slice(0, anchor).reduce((sum, tokens) => sum + tokens, 0)
    for (let i = 0; i < anchor; i++) perPart[i] = estimated > 0 ? ((own[i] ?? 0) * exact) / estimated : exact / anchor
  }
  let uncertainty = 16
  parts.forEach((part, index) => {
    if (index < anchor) return
    uncertainty += 8 + (part.images ?? 0) * IMAGE_TOKEN_ERROR
    if (part.knownTokens === null) uncertainty += guess(part, rate) * GUESS_ERROR
  })
  return { expected: perPart.reduce((sum, tokens) => sum + tokens, 0), uncertainty, perPart }
}
