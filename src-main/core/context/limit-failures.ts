import { aContext, formatBytes, formatContext, formatTokenCount, shortModelName } from '../../../src-shared/format'
import type { ErrorAction } from '../../../src-shared/ipc/result'
import { safeOllamaLink } from '../../../src-shared/links'
import { AppFailure } from '../app-failure'
import { ContextOverflowError, OutOfMemoryError, SignInRequiredError } from '../ollama/limit-errors'
import { estimateMemory, largestStepWithin, type MemoryModel } from './memory-estimate'
import { contextThatHolds } from './raise-target'

/** What is known when a reply fails at a limit, to say it with the numbers that matter. */
export interface LimitFailureFacts {
  /** The conversation's model as Ollama lists it. */
  model: string
  /** The user's `num_ctx`, when set. */
  asked: number | null
  /** The context the runner had, when known. */
  effective: number | null
  /** Weights, KV shape and trained length; `null` when Ollama could not be asked. */
  memory: MemoryModel | null
  /** The estimated tokens of the system prompt and the last message (what Ollama could not fit). */
  lastMessageTokens: number
  /** The largest footprint seen loaded on this host, for a suggestion that fits. */
  largestLoadedBytes: number | null
  minimum: number
}

const setNumCtx = (model: string, numCtx: number, label: string): ErrorAction => ({
  kind: 'set-num-ctx',
  model,
  numCtx,
  label,
})

function promptTooLong(error: ContextOverflowError, facts: LimitFailureFacts): AppFailure {
  const name = shortModelName(facts.model)
  const tokens = error.promptTokens ?? facts.lastMessageTokens
  const runsWith = error.contextTokens ?? facts.effective ?? facts.asked
  const trained = facts.memory?.trainedContext ?? null
  const about = `Your message and the system prompt are about ${formatTokenCount(tokens)} tokens`
  const here =
    runsWith === null ? `more than ${name} runs with here` : `${name} runs with ${formatContext(runsWith)} here`
  const fit = contextThatHolds(Math.max(tokens, facts.minimum), trained)
  if (fit === null || (runsWith !== null && fit <= runsWith)) {
    const most = trained === null ? '' : ` (${formatContext(trained)} is the most it was trained for)`
    return new AppFailure(
      'PROMPT_TOO_LONG',
      `${about}: ${here}${most}. Shorten the message, or pick a model with a longer context.`,
      error.ollamaMessage,
    )
  }
  const upTo = trained === null ? '' : ` (up to ${formatContext(trained)})`
  return new AppFailure(
    'PROMPT_TOO_LONG',
    `${about}; ${here}. Raise its context${upTo} or shorten the message.`,
    error.ollamaMessage,
    setNumCtx(facts.model, fit, `Use ${formatContext(fit)} for ${name}`),
  )
}

function outOfMemory(error: OutOfMemoryError, facts: LimitFailureFacts): AppFailure {
  const name = shortModelName(facts.model)
  const tried = facts.asked ?? facts.effective
  const needed = facts.memory !== null && tried !== null ? estimateMemory(facts.memory, tried, null) : null
  const at = tried === null ? '' : ` with ${aContext(tried)}`
  const need = needed === null ? '' : ` (about ${formatBytes(needed.totalBytes)} at that size)`
  const head = `${name} could not be loaded${at}: Ollama ran out of memory${need}.`
  if (facts.memory === null || needed === null || tried === null) {
    return new AppFailure('OUT_OF_MEMORY', `${head} Try a smaller context on the Models page.`, error.ollamaMessage)
  }
  // What is known to fit: the largest model seen loaded here, or, knowing nothing, half of what just failed.
  const budget =
    facts.largestLoadedBytes !== null && facts.largestLoadedBytes < needed.totalBytes
      ? facts.largestLoadedBytes
      : needed.totalBytes / 2
  const suggestion = largestStepWithin(facts.memory, budget, { below: tried, minimum: facts.minimum })
  if (suggestion === null) {
    return new AppFailure(
      'OUT_OF_MEMORY',
      `${head} Even a small context may not fit: the weights alone are ${formatBytes(facts.memory.weightsBytes)}.`,
      error.ollamaMessage,
    )
  }
  const fits = estimateMemory(facts.memory, suggestion, null)
  const size = fits === null ? '' : ` (about ${formatBytes(fits.totalBytes)})`
  return new AppFailure(
    'OUT_OF_MEMORY',
    `${head} Try ${formatContext(suggestion)}${size}.`,
    error.ollamaMessage,
    setNumCtx(facts.model, suggestion, `Use ${formatContext(suggestion)} for ${name}`),
  )
}

function signIn(error: SignInRequiredError, model: string): AppFailure {
  const url = safeOllamaLink(error.signinUrl)
  const message = `${shortModelName(model)} runs on ollama.com: sign in to ollama.com in Ollama to use it${url === null ? ' (run "ollama signin" in a terminal)' : ''}.`
  return new AppFailure(
    'SIGN_IN_REQUIRED',
    message,
    undefined,
    url === null ? undefined : { kind: 'open-link', url, label: 'Sign in to ollama.com' },
  )
}

/**
 * The failure in words when it is one of the limits (prompt too long, out of memory, cloud sign-in), with a one-click
 * fix when there is one; `null` for any other failure, which keeps its own message.
 */
export function explainLimitFailure(error: unknown, facts: LimitFailureFacts): AppFailure | null {
  if (error instanceof ContextOverflowError) return promptTooLong(error, facts)
  if (error instanceof OutOfMemoryError) return outOfMemory(error, facts)
  if (error instanceof SignInRequiredError) return signIn(error, facts.model)
  return null
}
