import { THINK_LEVELS, type ThinkControl, type ThinkSetting } from '../../../../src-shared/conversation-options'

const LEVEL_NAMES = { low: 'Low', medium: 'Medium', high: 'High' } as const

/** The select's value for a choice; `default` stands for `null` (send nothing). */
const toValue = (think: ThinkSetting | null) => (think === null ? 'default' : String(think))

function fromValue(value: string): ThinkSetting | null {
  if (value === 'true') return true
  if (value === 'false') return false
  return (THINK_LEVELS as readonly string[]).includes(value) ? (value as ThinkSetting) : null
}

/**
 * The thinking choice: on/off for most thinking models, a level for gpt-oss (see `thinkControlFor`). "The model's
 * default" sends no `think`, and Ollama then lets a thinking model think.
 */
export function ThinkingControl(props: {
  id: string
  control: Exclude<ThinkControl, 'none'>
  value: ThinkSetting | null
  onChange: (value: ThinkSetting | null) => void
}) {
  const { id, control, value } = props
  return (
    <div className="options-field">
      <label className="field-label" htmlFor={id}>
        Thinking
      </label>
      <select
        id={id}
        className="select"
        value={toValue(value)}
        aria-describedby={`${id}-help`}
        onChange={(event) => props.onChange(fromValue(event.target.value))}
      >
        <option value="default">{control === 'levels' ? "Model's default" : "Model's default (on)"}</option>
        {control === 'switch' ? (
          <>
            <option value="true">On</option>
            <option value="false">Off</option>
          </>
        ) : (
          THINK_LEVELS.map((level) => (
            <option key={level} value={level}>
              {LEVEL_NAMES[level]}
            </option>
          ))
        )}
      </select>
      <p id={`${id}-help`} className="field-help">
        {control === 'levels'
          ? 'How long the model reasons before answering. This model cannot turn thinking off.'
          : 'Off answers sooner, without the reasoning shown above the reply.'}
      </p>
    </div>
  )
}
