import { useState, type FormEvent } from 'react'
import { TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { errorText } from '../../lib/error-text'
import { useApp } from '../../store/store-context'

const { min, max } = TEMP_MODEL_LIMIT_RANGE

/** How many temporary models a host keeps, and whether a new one is announced. */
export function TempModelSettings() {
  const limit = useApp((state) => state.settings.tempModelLimit)
  const notify = useApp((state) => state.settings.notifyTempModelCreated)
  const update = useApp((state) => state.updateSettings)
  const [value, setValue] = useState(String(limit))
  const [problem, setProblem] = useState<string | null>(null)

  const save = async (event?: FormEvent) => {
    event?.preventDefault()
    const number = Number(value.trim())
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      return setProblem(`Type a whole number from ${min} to ${max}.`)
    }
    setProblem(null)
    if (number === limit) return
    const failure = await update({ tempModelLimit: number })
    if (failure) setProblem(errorText(failure))
  }

  return (
    <>
      <form className="setting" onSubmit={(event) => void save(event)} noValidate>
        <label className="setting__label" htmlFor="setting-temp-limit">
          Temporary models per host
        </label>
        <p className="setting__help" id="setting-temp-limit-help">
          At most this many temporary models per host; the least recently used unused one is removed first.
        </p>
        <input
          id="setting-temp-limit"
          className="input setting__number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-invalid={problem !== null}
          aria-describedby={`setting-temp-limit-help${problem !== null ? ' setting-temp-limit-error' : ''}`}
          onChange={(event) => {
            setValue(event.target.value)
            setProblem(null)
          }}
          onBlur={() => void save()}
        />
        {problem !== null && (
          <p id="setting-temp-limit-error" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
      <div className="setting">
        <label className="setting__check">
          <input
            type="checkbox"
            checked={notify}
            aria-describedby="setting-notify-temp-help"
            onChange={(event) => void update({ notifyTempModelCreated: event.target.checked })}
          />
          Say when ollmchat prepares a temporary model
        </label>
        <p className="setting__help" id="setting-notify-temp-help">
          A short note appears, such as “Prepared llama3 with a 16K context”. Off by default.
        </p>
      </div>
    </>
  )
}
