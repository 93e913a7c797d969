import { formatContext, shortModelName } from '../../../src-shared/format'
import type { ModelInfo } from '../../../src-shared/types'
import { lowersAutomaticContext } from '../../lib/context-label'
import { memoryEstimateText } from '../../lib/memory-text'
import { useMemoryEstimate } from './use-memory-estimate'

/**
 * What the value in the context field means, while it is typed: when it is lower than what Ollama would choose
 * on its own, and what it would cost in memory. `numCtx` is the field's value once valid, else `null`.
 */
export function ContextAdvice({
  model,
  numCtx,
  warningId,
}: {
  model: ModelInfo
  numCtx: number | null
  /** The id the input's `aria-describedby` points at for the warning. */
  warningId: string
}) {
  const estimate = useMemoryEstimate(model.name, numCtx)
  const automatic = model.automaticContext
  return (
    <>
      {automatic !== null && numCtx !== null && lowersAutomaticContext(model, numCtx) && (
        <p id={warningId} className="field-warning">
          Ollama would {automatic.basis === 'inferred' ? 'likely ' : ''}run {shortModelName(model.name)} with{' '}
          {formatContext(automatic.tokens)} on its own: {formatContext(numCtx)} lowers it.
        </p>
      )}
      <p className="field-help memory-line" aria-live="polite">
        {estimate !== null && numCtx !== null ? memoryEstimateText(estimate, numCtx) : ''}
      </p>
    </>
  )
}
