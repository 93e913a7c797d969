import { useState, type FormEvent } from 'react'
import { REPLY_IDLE_MINUTES_RANGE } from '../../../src-shared/limits'
import { errorText } from '../../lib/error-text'
import { useApp } from '../../store/store-context'

const { min, max } = REPLY_IDLE_MINUTES_RANGE

/** How long a reply may go without a word from Ollama before it is stopped with an error. */
export function ReplyIdleSetting() {
  const minutes = useApp((state) => state.settings.replyIdleMinutes)
  const update = useApp((state) => state.updateSettings)
  const [value, setValue] = useState(String(minutes))
  const [problem, setProblem] = useState<string | null>(null)

  const save = async (event?: FormEvent) => {
    event?.preventDefault()
    const number = Number(value.trim())
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      return setProblem(`Type a whole number of minutes from ${min} to ${max}.`)
    }
    setProblem(null)
    if (number === minutes) return
    const failure = await update({ replyIdleMinutes: number })
    if (failure) setProblem(errorText(failure))
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate>
      <label className="setting__label" htmlFor="setting-reply-idle">
        Stop a silent reply after (minutes)
      </label>
      <p className="setting__help" id="setting-reply-idle-help">
        A reply Ollama sends nothing for this long is stopped with an error; loading a large model can take a few
        minutes.
      </p>
      <input
        id="setting-reply-idle"
        className="input setting__number"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={`setting-reply-idle-help${problem !== null ? ' setting-reply-idle-error' : ''}`}
        onChange={(event) => {
          setValue(event.target.value)
          setProblem(null)
        }}
        onBlur={() => void save()}
      />
      {problem !== null && (
        <p id="setting-reply-idle-error" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}
