import { RotateCcw } from 'lucide-react'
import {
  NUMERIC_OPTION_RULES,
  STOP_RULE,
  type ConversationOptions,
  type OptionKey,
} from '../../../../src-shared/conversation-options'
import { ownText, type OptionDraft } from './option-draft'

interface FieldsProps {
  idPrefix: string
  draft: OptionDraft
  own: Required<ConversationOptions> | null
  errors: Partial<Record<OptionKey, string>>
  onChange: (key: OptionKey, text: string) => void
}

function ResetButton(props: { label: string; onReset: () => void }) {
  return (
    <button
      type="button"
      className="button button--ghost button--small options-field__reset"
      aria-label={`Reset ${props.label} to the model's value`}
      onClick={props.onReset}
    >
      <RotateCcw size={13} aria-hidden />
      Reset
    </button>
  )
}

/**
 * One field per option, each labelled, empty meaning "the model's own value" (shown as the placeholder); a field the
 * user filled is marked and has its own reset.
 */
export function ParameterFields({ idPrefix, draft, own, errors, onChange }: FieldsProps) {
  const stopId = `${idPrefix}-stop`
  return (
    <>
      <div className="options-grid">
        {NUMERIC_OPTION_RULES.map((rule) => {
          const id = `${idPrefix}-${rule.key}`
          const error = errors[rule.key]
          const changed = draft[rule.key].trim() !== ''
          return (
            <div key={rule.key} className={`options-field${changed ? ' options-field--changed' : ''}`}>
              <div className="options-field__head">
                <label className="field-label" htmlFor={id}>
                  {rule.label}
                </label>
                {changed && <ResetButton label={rule.label} onReset={() => onChange(rule.key, '')} />}
              </div>
              <input
                id={id}
                className="input"
                type="text"
                inputMode={rule.type === 'integer' ? 'numeric' : 'decimal'}
                value={draft[rule.key]}
                placeholder={own === null ? 'Model’s own' : `${ownText(own, rule.key)} (model’s own)`}
                aria-invalid={error !== undefined}
                aria-describedby={`${id}-help`}
                onChange={(event) => onChange(rule.key, event.target.value)}
              />
              <p id={`${id}-help`} className={error === undefined ? 'field-help' : 'field-error'}>
                {error ?? rule.help}
              </p>
            </div>
          )
        })}
      </div>
      <div className={`options-field${draft.stop.trim() !== '' ? ' options-field--changed' : ''}`}>
        <div className="options-field__head">
          <label className="field-label" htmlFor={stopId}>
            {STOP_RULE.label}
          </label>
          {draft.stop.trim() !== '' && <ResetButton label={STOP_RULE.label} onReset={() => onChange('stop', '')} />}
        </div>
        <textarea
          id={stopId}
          className="textarea"
          rows={2}
          value={draft.stop}
          placeholder={
            own === null || own.stop.length === 0 ? 'None set by the model' : `${own.stop.join(', ')} (model’s own)`
          }
          aria-invalid={errors.stop !== undefined}
          aria-describedby={`${stopId}-help`}
          onChange={(event) => onChange('stop', event.target.value)}
        />
        <p id={`${stopId}-help`} className={errors.stop === undefined ? 'field-help' : 'field-error'}>
          {errors.stop ??
            `One per line, up to ${STOP_RULE.maxCount}. The reply ends before the first one it writes; these replace the model’s own.`}
        </p>
      </div>
    </>
  )
}
