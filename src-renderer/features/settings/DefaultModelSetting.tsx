import { useMemo } from 'react'
import { chatModels } from '../../store/models-slice'
import { useApp } from '../../store/store-context'

/** The model new conversations start with: only models that can chat are offered. */
export function DefaultModelSetting() {
  const models = useApp((state) => state.models)
  const choices = useMemo(() => chatModels(models), [models])
  const current = useApp((state) => state.settings.defaultModel)
  const update = useApp((state) => state.updateSettings)
  const missing = current !== null && !choices.some((model) => model.name === current)
  const missingWhy = models.some((model) => model.name === current) ? 'cannot chat' : 'not installed'
  return (
    <div className="setting">
      <label className="setting__label" htmlFor="setting-default-model">
        Default model
      </label>
      <p className="setting__help" id="setting-default-model-help">
        New conversations start with this model; you can change it in each conversation.
      </p>
      <select
        id="setting-default-model"
        className="select"
        aria-describedby="setting-default-model-help"
        value={current ?? ''}
        onChange={(event) => void update({ defaultModel: event.target.value === '' ? null : event.target.value })}
      >
        <option value="">The first installed model that can chat</option>
        {missing && <option value={current}>{`${current} (${missingWhy})`}</option>}
        {choices.map((model) => (
          <option key={model.name} value={model.name}>
            {model.name}
          </option>
        ))}
      </select>
    </div>
  )
}
