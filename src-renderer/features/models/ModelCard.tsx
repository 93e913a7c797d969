import { Cloud } from 'lucide-react'
import { memo } from 'react'
import { formatBytes, formatContext } from '../../../src-shared/format'
import type { ModelInfo } from '../../../src-shared/types'
import { contextSourceText, effectiveContext } from '../../lib/context-label'
import { NumCtxField } from './NumCtxField'

/** One installed model: what it is, the context it runs with and where that comes from, and the setting. */
export const ModelCard = memo(function ModelCard({ model }: { model: ModelInfo }) {
  const context = effectiveContext(model)
  const facts: Array<[string, string]> = [
    ['Family', model.family ?? '—'],
    ['Parameters', model.parameterSize ?? '—'],
    ['Quantisation', model.quantization ?? '—'],
    ['Size on disk', model.isCloud ? 'cloud' : formatBytes(model.sizeBytes)],
    ['Trained context', model.trainedContext !== null ? formatContext(model.trainedContext) : 'unknown'],
  ]
  return (
    <li className="model-card" aria-label={model.name}>
      <div className="model-card__head">
        <h2 className="model-card__name">{model.name}</h2>
        {model.isCloud && (
          <span className="tag">
            <Cloud size={12} aria-hidden /> Cloud
          </span>
        )}
        {model.runningContext !== null && (
          <span className="tag tag--live">running with {formatContext(model.runningContext)}</span>
        )}
      </div>
      <dl className="model-card__facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="model-card__context">
        Context for new messages: <strong>{context.label}</strong>
        <span className="muted"> — {contextSourceText(context)}</span>
      </p>
      <NumCtxField model={model} />
    </li>
  )
})
