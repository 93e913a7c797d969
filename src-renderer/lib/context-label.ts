import { formatContext } from '../../src-shared/format'
import type { ContextSource, ModelInfo } from '../../src-shared/types'

/** The context a model will run with, as the picker and the Models page show it. */
export interface EffectiveContext {
  source: ContextSource
  /** Tokens, or `null` when Ollama decides. */
  tokens: number | null
  /** Short label: `16K · custom`, `8K` or `auto`. */
  label: string
}

/**
 * The user's own `num_ctx` wins, then a value baked into the model, else Ollama's default ("auto").
 * Cloud models ignore `num_ctx`, so a custom value never applies to them.
 */
export function effectiveContext(model: ModelInfo): EffectiveContext {
  if (model.customNumCtx !== null && !model.isCloud) {
    return { source: 'custom', tokens: model.customNumCtx, label: `${formatContext(model.customNumCtx)} · custom` }
  }
  if (model.modelNumCtx !== null) {
    return { source: 'model', tokens: model.modelNumCtx, label: formatContext(model.modelNumCtx) }
  }
  return { source: 'ollama-default', tokens: null, label: 'auto' }
}

/** One sentence explaining where the context length comes from. */
export function contextSourceText(context: EffectiveContext): string {
  switch (context.source) {
    case 'custom':
      return 'Your setting in ollmchat.'
    case 'model':
      return 'Set inside the model itself.'
    case 'ollama-default':
      return 'Ollama chooses (usually 4K to 256K, depending on the Ollama version and memory).'
  }
}
