import { contextShiftPromptLimit } from './context-window'
import { truncateHistory } from './history'
import { hasImages } from './images'
import type { StoredModel } from './manifest'
import type { Runner } from './runners'
import { promptTokens, TEMPLATE_TOKENS_PER_MESSAGE, tokenizerAddsBos, tokenPieces } from './tokens'
import type { SimMessage } from './types'

/** What a chat or generate request puts in front of the runner. */
export interface PromptInput {
  kind: 'chat' | 'generate'
  model: StoredModel
  /** The full conversation, the model's system prompt included (`history.ts` `withModelSystem`). */
  messages: SimMessage[]
  /** The request's `truncate` (default true). */
  truncate: boolean
  /** Undefined for cloud models. */
  runner: Runner | undefined
  /** The `num_ctx` of the request's options (before the load-time floors and clamp). */
  requestedNumCtx: number
  /** `num_keep` of the request's options. */
  numKeep: number
}

/** The prompt the model sees, or the 400 Ollama answers instead. */
export type PromptPlan = { seen: SimMessage[]; promptTokens: number } | { status: number; error: string }

/** `llm/llama_server.go` `completionPromptForRequest`, when a prompt does not fit and context shift is off. */
export const PROMPT_TOO_LONG =
  'the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length'

/**
 * llama-server's refusal of a prompt of `nPrompt` ≥ `nCtx` tokens (its `exceed_context_size_error`; llama.cpp's
 * source was not read, the body is as public copies print it). Ollama relays the body as the error string
 * (`llm/llama_server.go` `Chat`/`Completion` → `statusErrorMessage`), with llama-server's status 400.
 */
export function exceedContextError(nPrompt: number, nCtx: number): string {
  return JSON.stringify({
    error: {
      code: 400,
      message: `request (${nPrompt} tokens) exceeds the available context size (${nCtx} tokens), try increasing it`,
      type: 'exceed_context_size_error',
      n_prompt_tokens: nPrompt,
      n_ctx: nCtx,
    },
  })
}

/**
 * Decides what the model sees. Chat on the native path (`server/routes.go` `handleNativeChat`): history
 * truncation, then llama-server refuses a prompt that still fills its context. Chat on the rendered path
 * (`ChatHandler` → `chatPrompt` → `Completion`) and every generate request (both of its branches end in
 * `Completion`): history truncation, then `completionPromptForRequest` cuts the prompt (context shift on) or
 * answers 400 (off). The prompt's context is the runner's when the request asked for more (`optionsForPrompt`).
 */
export function planPrompt(input: PromptInput): PromptPlan {
  const { model, runner, messages } = input
  // Cloud models run remotely; the MLX runner (safetensors) gets no truncation (`ChatHandler`: `m.IsMLX()`) and
  // its own handling of an over-long prompt was not traced.
  if (runner === undefined || model.format === 'safetensors')
    return { seen: messages, promptTokens: promptTokens(messages) }
  const numCtx = runner.contextLength
  const promptNumCtx = input.requestedNumCtx > numCtx ? numCtx : input.requestedNumCtx
  const kept = input.truncate ? truncateHistory(messages, promptNumCtx, model.chatPath) : messages
  if (input.kind === 'chat' && model.chatPath === 'native') return llamaServerCheck(kept, promptTokens(kept), numCtx)
  return completionPrompt(input, kept, numCtx)
}

/** llama-server refuses a prompt that leaves no room in its context (`n_prompt_tokens >= n_ctx`). */
function llamaServerCheck(seen: SimMessage[], tokens: number, numCtx: number): PromptPlan {
  if (tokens >= numCtx) return { status: 400, error: exceedContextError(tokens, numCtx) }
  return { seen, promptTokens: tokens }
}

/**
 * `llm/llama_server.go` `completionPromptForRequest`: a prompt (tokenized with special tokens, so with BOS when the
 * tokenizer adds one) of at most num_ctx − 1 tokens passes. A longer one is refused when the runner has no context
 * shift; with context shift it keeps the first `num_keep` tokens (+1 for BOS; a negative `num_keep` keeps all)
 * and the tail, `contextShiftPromptLimit` tokens in all. Without `truncate`, or with images, the prompt goes to
 * llama-server as is.
 * (Its first check, "prompt has fewer characters than num_ctx", never decides anything here: a simulated token
 * never has fewer than one character.)
 */
function completionPrompt(input: PromptInput, kept: SimMessage[], numCtx: number): PromptPlan {
  const bos = tokenizerAddsBos(input.model.family) ? 1 : 0
  const tokens = promptTokens(kept) + bos
  // `completionPromptForRequest` leaves a prompt with media to llama-server as it is (`len(req.Media) > 0`).
  if (!input.truncate || hasImages(kept)) return llamaServerCheck(kept, tokens, numCtx)
  if (tokens <= numCtx - 1) return { seen: kept, promptTokens: tokens }
  if (input.runner?.contextShift !== true) return { status: 400, error: PROMPT_TOO_LONG }
  const numKeep = Math.min((input.numKeep < 0 ? tokens : input.numKeep) + bos, numCtx - 1)
  const limit = contextShiftPromptLimit(numCtx, numKeep)
  return { seen: keepHeadAndTail(kept, bos, numKeep, limit - numKeep), promptTokens: limit }
}

/**
 * The messages as the model sees them after a context-shift cut that keeps the first `head` and the last `tail`
 * tokens, laid out as `tokens.ts` counts a prompt: BOS, then per message its template tokens and its content's
 * pieces. A message keeps the text of its kept pieces, and disappears when none are kept — so with the default
 * `num_keep` of 4 the system prompt and the start of a long message are simply gone, as the model would experience
 * it.
 */
export function keepHeadAndTail(
  messages: readonly SimMessage[],
  bos: number,
  head: number,
  tail: number,
): SimMessage[] {
  const total = bos + promptTokens(messages)
  const tailStart = total - tail
  const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max)
  const seen: SimMessage[] = []
  let offset = bos
  for (const message of messages) {
    const contentStart = offset + TEMPLATE_TOKENS_PER_MESSAGE
    const pieces = tokenPieces(message.content)
    offset = contentStart + pieces.length
    const headEnd = clamp(head - contentStart, pieces.length)
    const keptFrom = clamp(tailStart - contentStart, pieces.length)
    const content =
      headEnd >= keptFrom ? message.content : [...pieces.slice(0, headEnd), ...pieces.slice(keptFrom)].join('')
    const headerKept = contentStart - TEMPLATE_TOKENS_PER_MESSAGE < head || contentStart > tailStart
    if (content !== '' || (message.content === '' && headerKept)) seen.push({ role: message.role, content })
  }
  return seen
}
