import type { $brand } from 'zod'
import { MAX_NUM_CTX, MIN_NUM_CTX, MIN_VISION_NUM_CTX } from './limits'

/**
 * A context length (`num_ctx`) that passed `parseNumCtx`: a whole number of tokens within ollmchat's bounds. Later
 * layers (settings, temporary models, requests) take this type instead of checking the number again. The brand is
 * zod's, so main's stored-settings schema (which runs this parser) yields the same type; the import is types only,
 * so the renderer does not bundle zod for it.
 */
export type NumCtx = number & $brand<'NumCtx'>

/** What `parseNumCtx` answers: the value as a `NumCtx`, or a sentence saying why not. */
export type NumCtxParse = { ok: true; value: NumCtx } | { ok: false; message: string }

/** The model a context length is for, when known: its trained length and its floor (`minNumCtxFor`). */
export interface NumCtxBounds {
  trainedContext?: number | null
  minimum?: number
}

/**
 * The one place a context length is judged. Ollama validates nothing (it clamps values under 4 up to 4 and values
 * over the trained length down to it, and a non-integer stored in a model breaks every later chat), so ollmchat
 * refuses anything but a whole number from `minimum` (512; 2,048 for vision models) to the model's trained length
 * (capped at 2^20, the bound when the model is unknown).
 */
export function parseNumCtx(value: unknown, bounds: NumCtxBounds = {}): NumCtxParse {
  const minimum = bounds.minimum ?? MIN_NUM_CTX
  const trained = bounds.trainedContext ?? null
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, message: 'The context length must be a number of tokens.' }
  }
  if (!Number.isInteger(value)) return { ok: false, message: 'The context length must be a whole number.' }
  if (value < minimum) {
    const why = minimum === MIN_VISION_NUM_CTX ? ': Ollama runs vision models with at least that much' : ''
    return {
      ok: false,
      message: `The context length must be at least ${minimum.toLocaleString('en-US')} tokens${why}.`,
    }
  }
  const fits = fitsTrainedContext(value, trained)
  return fits.ok ? { ok: true, value: value as NumCtx } : fits
}

/**
 * The upper half of `parseNumCtx`'s rule, alone: at most the model's trained length (capped at 2^20; 2^20 when it
 * is unknown). For a layer that learns the trained length only after the value was parsed (the temporary-model
 * manager), so it checks just that and not again the floor the parser applied for the model.
 */
export function fitsTrainedContext(
  value: number,
  trainedContext: number | null | undefined,
): { ok: true } | { ok: false; message: string } {
  const trained = trainedContext ?? null
  const limit = trained !== null && trained > 0 ? Math.min(trained, MAX_NUM_CTX) : MAX_NUM_CTX
  if (value <= limit) return { ok: true }
  const why = limit === MAX_NUM_CTX ? '' : ', the longest context this model was trained for'
  return { ok: false, message: `The context length can be at most ${limit.toLocaleString('en-US')} tokens${why}.` }
}
