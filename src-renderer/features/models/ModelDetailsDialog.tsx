import { useEffect, useState } from 'react'
import type { Result } from '../../../src-shared/ipc/result'
import type { ModelDetailsInfo } from '../../../src-shared/types'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { DetailsBlock } from './DetailsBlock'
import { FactList, type Fact } from '../../components/FactList'

/** Everything `/api/show` says about a model: its facts, then template, parameters, system prompt and licence. */
export function ModelDetailsDialog({ model, onClose }: { model: string; onClose: () => void }) {
  const fetchDetails = useApp((state) => state.fetchModelDetails)
  const [answer, setAnswer] = useState<Result<ModelDetailsInfo> | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    void fetchDetails(model).then((result) => {
      if (current) setAnswer(result)
    })
    return () => {
      current = false
    }
  }, [fetchDetails, model, attempt])

  const retry = () => {
    setAnswer(null)
    setAttempt((count) => count + 1)
  }

  return (
    <Dialog title={`Details of ${model}`} onClose={onClose} wide>
      <div className="dialog__body dialog__body--scroll">
        {answer === null && <p role="status">Reading the model’s details…</p>}
        {answer !== null && !answer.ok && (
          <ErrorNotice error={answer.error} messageFirst>
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          </ErrorNotice>
        )}
        {answer?.ok === true && <DetailsContent details={answer.value} />}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}

function DetailsContent({ details }: { details: ModelDetailsInfo }) {
  const facts: Fact[] = [
    ['Family', details.family ?? '—'],
    ['Parameter size', details.parameterSize ?? '—'],
    ['Quantisation', details.quantization ?? '—'],
    ['Format', details.format ?? '—'],
    ['Capabilities', details.capabilities.length > 0 ? details.capabilities.join(', ') : '—'],
  ]
  if (details.parentModel) facts.push(['Made from', details.parentModel])
  return (
    <>
      <FactList facts={facts} className="details-facts" />
      <DetailsBlock title="Template" text={details.template} empty="No template: Ollama sends the prompt as it is." />
      <DetailsBlock title="Parameters" text={details.parameters} empty="No stored parameters." />
      <DetailsBlock title="System prompt" text={details.system} empty="No built-in system prompt." />
      <DetailsBlock title="Licence" text={details.license} empty="No licence text." />
    </>
  )
}
