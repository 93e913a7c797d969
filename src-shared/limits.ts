/**
 * Bounds for `num_ctx`, shared so the Models page refuses exactly what main refuses; `parseNumCtx` (`num-ctx.ts`)
 * applies them. Ollama itself validates nothing: it clamps values under 4 to 4 and values over the trained length
 * down to it, and a non-integer stored in a model breaks every later chat (`option "num_ctx" must be of type integer`).
 */

/** Below this a chat cannot hold a system prompt and one exchange; Ollama's vision models floor at 2048. */
export const MIN_NUM_CTX = 512

/** Ollama loads vision models with at least this much, whatever is asked (`server/sched.go` `getRunner`). */
export const MIN_VISION_NUM_CTX = 2048

/** The smallest context a model takes here: 2,048 for vision models (Ollama raises them to it anyway), else 512. */
export function minNumCtxFor(capabilities: readonly string[]): number {
  return capabilities.includes('vision') ? MIN_VISION_NUM_CTX : MIN_NUM_CTX
}

/** Upper bound when the model's trained length is unknown (2^20 tokens; no local model goes beyond). */
export const MAX_NUM_CTX = 1_048_576

/** The steps the Models page offers, filtered to what the model was trained for. */
export const NUM_CTX_STEPS = [2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576] as const

/**
 * Reads what a person typed: `16384`, `16,384`, `16k` or `16K` (k = 1024, as context sizes are counted).
 * Returns `NaN` for anything else, which `parseNumCtx` (`num-ctx.ts`) then refuses with a message.
 */
export function parseNumCtxInput(text: string): number {
  const compact = text.trim().replace(/[,_\s]/g, '')
  const match = /^(\d+(?:\.\d+)?)([kK]?)$/.exec(compact)
  if (!match) return Number.NaN
  const base = Number(match[1])
  return match[2] ? base * 1024 : base
}

/**
 * The next step above `current` for a model, capped at its trained length (which is offered itself when it is not
 * a round step); `null` when `current` is already at the top.
 */
export function nextNumCtxStep(current: number, trainedContext: number | null): number | null {
  return numCtxStepsFor(trainedContext).find((step) => step > current) ?? null
}

/** Steps to offer for a model: from 2K up to its trained length (inclusive when it is not a round step). */
export function numCtxStepsFor(trainedContext: number | null): number[] {
  const limit = trainedContext !== null && trainedContext > 0 ? trainedContext : MAX_NUM_CTX
  const steps: number[] = NUM_CTX_STEPS.filter((step) => step <= limit)
  if (
    trainedContext !== null &&
    trainedContext > 0 &&
    !steps.includes(trainedContext) &&
    trainedContext >= MIN_NUM_CTX
  ) {
    steps.push(trainedContext)
  }
  return steps
}

/** The longest system prompt a conversation keeps (the window's field, main's check and a summary's system prompt). */
export const MAX_SYSTEM_PROMPT_CHARS = 20_000

/** The longest conversation title (the rename field, main's check, and an imported title, which is cut to it). */
export const MAX_TITLE_CHARS = 200

/**
 * The longest model name ollmchat takes or keeps. Ollama's own parts add up to about 600 characters (host 350, the
 * others 80 each: `src-shared/model-name.ts`), but no real name comes near this; it only keeps a stray value bounded.
 */
export const MAX_MODEL_NAME_CHARS = 512

/** The longest Ollama address (a URL) ollmchat takes or keeps. */
export const MAX_HOST_URL_CHARS = 500

/** The temporary-model limit per host the Settings page accepts (the default is 8). */
export const TEMP_MODEL_LIMIT_RANGE = { min: 1, max: 64 } as const

/**
 * How many minutes a reply may go without a word from Ollama before it is stopped (the default is 5). Loading a large
 * model can take minutes, so the floor is one; past an hour nobody is still waiting.
 */
export const REPLY_IDLE_MINUTES_RANGE = { min: 1, max: 60 } as const

/** The oldest Ollama ollmchat can derive temporary models on: `/api/create` with `from` + `parameters` (0.5.5). */
export const MIN_OLLAMA_VERSION = '0.5.5'

/**
 * The largest image file a message takes (10 MB). Vision models scale every image down to their own input size
 * (gemma3 896 px, llava 336–672 px), so a bigger file tells the model nothing more, only costs memory and time.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/** The most images one message carries; each costs about 768 tokens of context, so 8 already fill an 8K context. */
export const MAX_IMAGES_PER_MESSAGE = 8
