import { useMemo } from 'react'
import { contextSourceText, effectiveContext } from '../../lib/context-label'
import { errorText } from '../../lib/error-text'
import { isTempModelName } from '../../lib/model-names'
import { selectInflightFor } from '../../store/chat-slice'
import { selectActiveModelName } from '../../store/conversations-slice'
import { chatModels } from '../../store/models-slice'
import { useApp } from '../../store/store-context'

/**
 * The conversation's model: installed models that can chat only (never `ollmchat-temp/…`, never an embedding
 * model), each with the context it will run with ("16K · custom", "8K", "32K · chosen by Ollama", "auto"). A
 * model that is no longer installed, or cannot chat, stays visible as such.
 */
export function ModelPicker() {
  const models = useApp((state) => state.models)
  const choices = useMemo(() => chatModels(models), [models])
  const current = useApp(selectActiveModelName)
  const busy = useApp((state) => selectInflightFor(state.activeConversationId)(state) !== undefined)
  const setActiveModel = useApp((state) => state.setActiveModel)
  const pushToast = useApp((state) => state.pushToast)
  const currentModel = choices.find((model) => model.name === current)
  const missing = current !== null && !currentModel && !isTempModelName(current)
  const missingWhy = models.some((model) => model.name === current) ? 'cannot chat' : 'not installed'
  const context = currentModel ? effectiveContext(currentModel) : null

  const change = (name: string) => {
    void setActiveModel(name).then((error) => {
      if (error) pushToast({ text: errorText(error), action: null })
    })
  }

  return (
    <div className="model-picker">
      <label className="visually-hidden" htmlFor="model-picker">
        Model
      </label>
      <select
        id="model-picker"
        className="select"
        value={currentModel || missing ? (current ?? '') : ''}
        disabled={busy || choices.length === 0}
        onChange={(event) => change(event.target.value)}
      >
        {!currentModel && !missing && (
          <option value="" disabled>
            {choices.length === 0 ? 'No chat models' : 'Pick a model'}
          </option>
        )}
        {missing && (
          <option value={current} disabled>
            {`${current} (${missingWhy})`}
          </option>
        )}
        {choices.map((model) => (
          <option key={model.name} value={model.name}>
            {`${model.name} — ${effectiveContext(model).label}`}
          </option>
        ))}
      </select>
      {context && (
        <span className={`context-pill context-pill--${context.source}`} title={contextSourceText(context)}>
          {context.label}
        </span>
      )}
    </div>
  )
}
