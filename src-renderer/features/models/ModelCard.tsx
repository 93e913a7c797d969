import { Cloud } from 'lucide-react'
import { memo } from 'react'
import { formatBytes, formatContext } from '../../../src-shared/format'
import type { ModelInfo } from '../../../src-shared/types'
import { contextSourceText, effectiveContext } from '../../lib/context-label'
import { LoadedLine } from './LoadedLine'
import { ModelCardActions } from './ModelCardActions'
import { NumCtxField } from './NumCtxField'
import { FactList, type Fact } from '../../components/FactList'

/**
 * One installed model: what it is, the context it runs with and where that comes from, what it takes in memory
 * when loaded (with Unload), the setting, and its details and Delete. A model that cannot chat (an embedding
 * model) says so and has no context setting.
 */
export const ModelCard = memo(function ModelCard({ model }: { model: ModelInfo }) {
  const embedding = model.capabilities.includes('embedding')
  const facts: Fact[] = [
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
        {!model.canChat && <span className="tag tag--quiet">{embedding ? 'Embedding model' : 'Cannot chat'}</span>}
        {model.runningContext !== null && (
          <span className="tag tag--live">running with {formatContext(model.runningContext)}</span>
        )}
        <ModelCardActions model={model} />
      </div>
      <FactList facts={facts} className="model-card__facts" />
      <LoadedLine model={model} />
      {model.canChat ? (
        <ChatContext model={model} />
      ) : (
        <p className="model-card__context">{cannotChatText(embedding)}</p>
      )}
    </li>
  )
})

function cannotChatText(embedding: boolean): string {
  return embedding
    ? 'This model makes embeddings (lists of numbers that search tools compare) and cannot chat, so ' +
        'conversations do not offer it.'
    : 'Ollama lists no chat ability for this model, so conversations do not offer it.'
}

/** The context a chat model runs with and the setting. */
function ChatContext({ model }: { model: ModelInfo }) {
  const context = effectiveContext(model)
  return (
    <>
      <p className="model-card__context">
        Context for new messages: <strong>{context.label}</strong>
        <span className="muted"> — {contextSourceText(context)}</span>
      </p>
      <NumCtxField model={model} />
    </>
  )
}
