import { formatContext } from '../../src-shared/format'
import type { ContextSource, ModelInfo } from '../../src-shared/types'

/**
 * How ollmchat knows the number: set by the user or in the model; for Ollama's own choice, `seen` (Ollama ran
 * this model with it for ollmchat), `running` (loaded with it right now), `inferred` (Ollama's server-wide
 * choice for another model, capped at this one's trained length), `unknown` (not loaded since ollmchat
 * started) or `cloud` (ollama.com decides).
 */
export type ContextBasis = 'custom' | 'model' | 'seen' | 'running' | 'inferred' | 'unknown' | 'cloud'

/** The context a model will run with, as the picker, the Models page and the reply meta show it. */
export interface EffectiveContext {
  source: ContextSource
  basis: ContextBasis
  /** Tokens, or `null` when nobody can tell before Ollama loads the model. */
  tokens: number | null
  /** Short label: `16K · custom`, `8K`, `32K · chosen by Ollama`, `likely 32K · Ollama's choice` or `auto`. */
  label: string
}

const CHOSEN = 'chosen by Ollama'

/** How Ollama picks a context when nobody sets one; shown wherever the number is not known yet. */
export const AUTO_CONTEXT_EXPLANATION =
  'Ollama chooses: OLLAMA_CONTEXT_LENGTH if it is set, else 4K, 32K or 256K depending on the GPU’s total memory ' +
  '(under 24 GB: 4K, under 48 GB: 32K, more: 256K), never more than the model was trained for. ollmchat shows ' +
  'the real number once Ollama has loaded the model.'

/**
 * The user's own `num_ctx` wins, then a value baked into the model, else Ollama's choice. For that choice the
 * best evidence goes first: what Ollama chose for this very model, then what it runs with now (which another
 * program may have asked for), then the server-wide choice seen for another model. Cloud models ignore
 * `num_ctx`, so a custom value never applies to them.
 */
export function effectiveContext(model: ModelInfo): EffectiveContext {
  if (model.customNumCtx !== null && !model.isCloud) {
    const label = `${formatContext(model.customNumCtx)} · custom`
    return { source: 'custom', basis: 'custom', tokens: model.customNumCtx, label }
  }
  if (model.modelNumCtx !== null) {
    return { source: 'model', basis: 'model', tokens: model.modelNumCtx, label: formatContext(model.modelNumCtx) }
  }
  const source = 'ollama-default'
  if (model.isCloud) return { source, basis: 'cloud', tokens: null, label: 'auto' }
  const automatic = model.automaticContext
  if (automatic?.basis === 'seen') {
    return { source, basis: 'seen', tokens: automatic.tokens, label: `${formatContext(automatic.tokens)} · ${CHOSEN}` }
  }
  if (model.runningContext !== null) {
    const label = `${formatContext(model.runningContext)} · ${CHOSEN}`
    return { source, basis: 'running', tokens: model.runningContext, label }
  }
  if (automatic?.basis === 'inferred') {
    const label = `likely ${formatContext(automatic.tokens)} · Ollama’s choice`
    return { source, basis: 'inferred', tokens: automatic.tokens, label }
  }
  return { source, basis: 'unknown', tokens: null, label: 'auto' }
}

/** One or two sentences explaining where the context length comes from. */
export function contextSourceText(context: EffectiveContext): string {
  switch (context.basis) {
    case 'custom':
      return 'Your setting in ollmchat.'
    case 'model':
      return 'Set inside the model itself.'
    case 'seen':
      return 'Nobody set a context length, so Ollama chose this when it loaded the model for ollmchat.'
    case 'running':
      return 'Nobody set a context length; Ollama has the model loaded with this right now.'
    case 'inferred':
      return (
        'Nobody set a context length. Ollama chose this for another model on this computer (never more than this ' +
        'model was trained for); ollmchat shows the real number once Ollama has loaded it.'
      )
    case 'unknown':
      return AUTO_CONTEXT_EXPLANATION
    case 'cloud':
      return 'Cloud models run on ollama.com and choose their own context length.'
  }
}

/** Whose setting a context was, in a few words for the reply meta. */
export function contextSourcePhrase(source: ContextSource): string {
  switch (source) {
    case 'custom':
      return 'your setting'
    case 'model':
      return 'set in the model'
    case 'ollama-default':
      return CHOSEN
  }
}

/** True when `numCtx` is lower than what Ollama would run the model with on its own (worth a warning). */
export function lowersAutomaticContext(model: ModelInfo, numCtx: number | null): boolean {
  return numCtx !== null && model.automaticContext !== null && numCtx < model.automaticContext.tokens
}
