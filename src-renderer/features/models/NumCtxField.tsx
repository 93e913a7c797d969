import { useId, useState, type FormEvent } from 'react'
import { formatContext } from '../../../src-shared/format'
import { minNumCtxFor, numCtxStepsFor, parseNumCtxInput } from '../../../src-shared/limits'
import { parseNumCtx } from '../../../src-shared/num-ctx'
import type { ModelInfo } from '../../../src-shared/types'
import { lowersAutomaticContext } from '../../lib/context-label'
import { errorText } from '../../lib/error-text'
import { useApp } from '../../store/store-context'
import { ContextAdvice } from './ContextAdvice'

/**
 * The per-model `num_ctx` input: accepts `16384`, `16,384` or `16K`, offers the usual steps from the model's
 * floor (2K for vision models) up to what it was trained for, shows a refusal inline and never sends an
 * invalid value. While a valid value is typed it says what it would cost in memory and whether it is less
 * than Ollama would choose. Disabled for cloud models.
 */
export function NumCtxField({ model }: { model: ModelInfo }) {
  const id = useId()
  const [value, setValue] = useState(model.customNumCtx === null ? '' : formatContext(model.customNumCtx))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const setNumCtx = useApp((state) => state.setNumCtx)
  const minimum = minNumCtxFor(model.capabilities)
  const steps = numCtxStepsFor(model.trainedContext).filter((step) => step >= minimum)
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const warningId = `${id}-warning`
  const check = parseNumCtx(parseNumCtxInput(value), { trainedContext: model.trainedContext, minimum })
  const typed = check.ok && !model.isCloud ? check.value : null
  const describedBy = [error !== null && errorId, lowersAutomaticContext(model, typed) && warningId, helpId]
    .filter(Boolean)
    .join(' ')
  const upTo = model.trainedContext !== null ? `up to ${formatContext(model.trainedContext)}` : 'or more'

  const save = async (numCtx: number | null) => {
    setSaving(true)
    const failure = await setNumCtx(model.name, numCtx)
    setSaving(false)
    if (failure) {
      setError(errorText(failure))
      return
    }
    setValue(numCtx === null ? '' : formatContext(numCtx))
    setSaved(
      numCtx === null
        ? 'Back to the default. Used from your next message.'
        : `Saved: ${formatContext(numCtx)}. Used from your next message.`,
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!check.ok) {
      setError(check.message)
      setSaved(null)
      return
    }
    void save(check.value)
  }

  return (
    <form className="numctx" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={id}>
        Context length
      </label>
      <div className="numctx__row">
        <input
          id={id}
          className="input numctx__input"
          list={`${id}-steps`}
          inputMode="numeric"
          autoComplete="off"
          placeholder={model.isCloud ? 'Not available' : 'e.g. 16K'}
          aria-label={`Context length for ${model.name}`}
          aria-invalid={error !== null}
          aria-describedby={describedBy}
          disabled={model.isCloud || saving}
          value={value}
          onChange={(event) => {
            setValue(event.target.value)
            setError(null)
            setSaved(null)
          }}
        />
        <datalist id={`${id}-steps`}>
          {steps.map((step) => (
            <option key={step} value={formatContext(step)}>
              {`${step.toLocaleString('en-US')} tokens`}
            </option>
          ))}
        </datalist>
        <button type="submit" className="button button--primary" disabled={model.isCloud || saving}>
          Save
        </button>
        {model.customNumCtx !== null && !model.isCloud && (
          <button type="button" className="button button--ghost" disabled={saving} onClick={() => void save(null)}>
            Reset to default
          </button>
        )}
      </div>
      <p id={helpId} className="field-help">
        {model.isCloud
          ? 'Cloud models run on ollama.com and choose their own context length.'
          : `From ${formatContext(minimum)} ${upTo} tokens, e.g. ${steps.slice(0, 4).map(formatContext).join(', ')}. Longer contexts use more memory.`}
      </p>
      {error !== null && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <ContextAdvice model={model} numCtx={typed} warningId={warningId} />
      {saved !== null && (
        <p className="field-ok" role="status">
          {saved}
        </p>
      )}
    </form>
  )
}
