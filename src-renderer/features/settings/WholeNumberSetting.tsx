import { useState, type FormEvent, type ReactNode } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import { errorText } from '../../lib/error-text'

interface WholeNumberSettingProps {
  /** The input's id; the help and error ids derive from it. */
  id: string
  label: string
  help: ReactNode
  value: number
  range: { min: number; max: number }
  /** What the number counts, in the error sentence ("minutes"); omitted for a plain count. */
  unit?: string
  /** Saves a changed number; resolves to the failure when the core refused it. */
  save: (value: number) => Promise<AppError | null>
}

/**
 * One whole-number setting: typed freely, checked against its range on Enter or leaving the field (the core checks
 * again with the same range), saved only when changed, and a refusal said under the field.
 */
export function WholeNumberSetting({ id, label, help, value, range, unit, save }: WholeNumberSettingProps) {
  const { min, max } = range
  const [text, setText] = useState(String(value))
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    const number = Number(text.trim())
    if (text.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      return setProblem(`Type a whole number${unit === undefined ? '' : ` of ${unit}`} from ${min} to ${max}.`)
    }
    setProblem(null)
    if (number === value) return
    const failure = await save(number)
    if (failure) setProblem(errorText(failure))
  }

  return (
    <form className="setting" onSubmit={(event) => void submit(event)} noValidate>
      <label className="setting__label" htmlFor={id}>
        {label}
      </label>
      <p className="setting__help" id={`${id}-help`}>
        {help}
      </p>
      <input
        id={id}
        className="input setting__number"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-help${problem !== null ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setText(event.target.value)
          setProblem(null)
        }}
        onBlur={() => void submit()}
      />
      {problem !== null && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}
