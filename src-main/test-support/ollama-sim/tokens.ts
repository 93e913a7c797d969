import type { SimMessage } from './types'

/** Characters per content token. */
export const CHARS_PER_TOKEN = 4
/** Chat-template tokens per message (role header, end of turn), placed before its content. */
export const TEMPLATE_TOKENS_PER_MESSAGE = 4

/**
 * The simulator's one tokenizer, its stand-in for llama-server's `/tokenize` (`llm/llama_server.go` `Tokenize`)
 * on a rendered prompt. Every prompt count goes through it: history truncation, the context checks, context-shift
 * cuts and `prompt_eval_count`. A rendered prompt is laid out as, per message, {@link TEMPLATE_TOKENS_PER_MESSAGE}
 * template tokens followed by its content at one token per {@link CHARS_PER_TOKEN} characters (rounded up); with
 * special tokens (llama-server's own tokenization of a completion prompt) a BOS token comes first for models whose
 * tokenizer adds one ({@link tokenizerAddsBos}). The streamed reply is counted separately: each streamed piece
 * (`replies.ts` `tokenize`) is one generated token (`eval_count`, `num_predict`).
 */
export function contentTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN)
}

/** Tokens one message takes in the rendered prompt. */
export function messageTokens(message: SimMessage): number {
  return TEMPLATE_TOKENS_PER_MESSAGE + contentTokens(message.content)
}

/** Tokens of the rendered prompt of these messages, without special tokens. */
export function promptTokens(messages: readonly SimMessage[]): number {
  return messages.reduce((sum, message) => sum + messageTokens(message), 0)
}

// `tokenizer.ggml.add_bos_token` is true in the GGUFs of these families (Llama, Gemma, DeepSeek-V2) and false for
// Qwen and gpt-oss (`convert/convert_gptoss.go` writes false); embedding families never reach a completion prompt.
const BOS_FAMILIES = new Set(['llama', 'gemma', 'gemma2', 'gemma3', 'deepseek2'])

/** `llm/llama_server.go` `tokenizerAddsBOS`, decided by family since the simulator has no GGUF metadata. */
export function tokenizerAddsBos(family: string): boolean {
  return BOS_FAMILIES.has(family)
}
