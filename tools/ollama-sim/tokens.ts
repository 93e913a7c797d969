import { imageTokens } from './images'
import type { SimMessage } from './types'

/** Letters (with their combining marks) and digits: one token per started run of this many. */
export const WORD_PIECE_CHARS = 6
/** Chat-template tokens per message (role header, end of turn, Llama 3 style), placed before its content. */
export const TEMPLATE_TOKENS_PER_MESSAGE = 5

/**
 * One token: optional leading whitespace, then up to {@link WORD_PIECE_CHARS} letters/digits or one other
 * character (punctuation, symbol, emoji — one code point); or the whitespace that ends the text.
 */
const PIECE = new RegExp(`\\s*(?:[\\p{L}\\p{M}\\p{N}]{1,${WORD_PIECE_CHARS}}|[^\\s\\p{L}\\p{M}\\p{N}])|\\s+$`, 'gu')

/**
 * The simulator's one tokenizer, its stand-in for llama-server's `/tokenize` (`llm/llama_server.go` `Tokenize`)
 * and for the pieces it streams. It deliberately does not count "4 characters a token, 4 a message" (the app's own
 * fallback estimate), so tests against the simulator can catch an estimator's bias. The rule:
 *
 * - text is cut into pieces: each run of letters/digits is one piece per started {@link WORD_PIECE_CHARS}
 *   characters ("photosynthesis" = 3), each other non-space character is a piece of its own ("," "!" "`" "👍"),
 *   and whitespace belongs to the piece that follows it (" world"; whitespace at the very end is a piece too), so
 *   joining the pieces gives the text back;
 * - a rendered prompt is, per message, {@link TEMPLATE_TOKENS_PER_MESSAGE} template tokens followed by its
 *   content's pieces; with special tokens (llama-server's own tokenization of a completion prompt) a BOS token
 *   comes first for models whose tokenizer adds one ({@link tokenizerAddsBos}).
 *
 * Every count goes through it: history truncation (`history.ts`), the context checks and context-shift cuts
 * (`prompt-plan.ts`), `prompt_eval_count`, and the reply: llama-server streams one chunk per generated token, so
 * the streamed chunks are exactly {@link tokenPieces} of the reply, `eval_count` and `num_predict` count them, and a
 * reply sent back as history counts the same number of content tokens inside the next prompt.
 */
export function tokenPieces(text: string): string[] {
  return text.match(PIECE) ?? []
}

/** How many pieces {@link tokenPieces} cuts the text into, without building them. */
export function contentTokens(text: string): number {
  let count = 0
  PIECE.lastIndex = 0
  while (PIECE.exec(text) !== null) count++
  return count
}

/** Tokens one message takes in the rendered prompt, its images (`images.ts`) included. */
export function messageTokens(message: SimMessage): number {
  return TEMPLATE_TOKENS_PER_MESSAGE + contentTokens(message.content) + imageTokens(message)
}

/** Tokens of the rendered prompt of these messages, without special tokens. */
export function promptTokens(messages: readonly SimMessage[]): number {
  return messages.reduce((sum, message) => sum + messageTokens(message), 0)
}

// `tokenizer.ggml.add_bos_token` is true in the GGUFs of these families (Llama, Gemma, DeepSeek-V2) and false for
// Qwen and gpt-oss (`convert/convert_gptoss.go` writes false); `tokenizerAddsBOS` says true regardless for the lfm2
// pre-tokenizer (LFM2, `convert/convert_lfm2.go` writes it) and for Gemma 4. Embedding families never reach a
// completion prompt.
const BOS_FAMILIES = new Set(['llama', 'gemma', 'gemma2', 'gemma3', 'gemma4', 'deepseek2', 'lfm2', 'lfm2moe'])

/** `llm/llama_server.go` `tokenizerAddsBOS`, decided by family since the simulator has no GGUF metadata. */
export function tokenizerAddsBos(family: string): boolean {
  return BOS_FAMILIES.has(family)
}
