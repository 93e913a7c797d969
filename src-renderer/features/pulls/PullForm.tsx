import { Download } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { errorText } from '../../lib/error-text'
import { checkPullName } from '../../lib/pull-name'
import { isRunning } from '../../store/pull-progress'
import { selectPull, selectRunningPullOf } from '../../store/pulls-slice'
import { useApp, useAppStore } from '../../store/store-context'

/**
 * "Pull a model": a name, checked for obvious mistakes before anything is sent; the core's own refusal of a name
 * shows here too. Progress shows in Downloads (Models page), not here, so every pull is in one place.
 * `showWhere` adds a line pointing there, for the empty chat screen.
 */
export function PullForm({ showWhere = false }: { showWhere?: boolean }) {
  const id = useId()
  const store = useAppStore()
  const [value, setValue] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [startedId, setStartedId] = useState<string | null>(null)
  const started = useApp(selectPull(startedId))
  const setPage = useApp((state) => state.setPage)
  // Away from Downloads (the empty state), a pull that failed is said here too, where the person started it.
  const failedHere = started?.phase === 'refused' || (showWhere && started?.phase === 'failed')
  const refusal =
    failedHere && started?.error ? `“${started.model}”: ${errorText(started.error, { messageFirst: true })}` : null
  const message = problem ?? refusal
  const errorId = `${id}-error`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const check = checkPullName(value)
    if (!check.ok) return setProblem(check.message)
    const state = store.getState()
    if (selectRunningPullOf(check.name)(state))
      return setProblem(`${check.name} is already being pulled: see Downloads.`)
    if (startedId !== null && started?.phase === 'refused') state.dismissPull(startedId)
    setStartedId(state.startPull(check.name))
    setProblem(null)
    setValue('')
  }

  return (
    <form className="pull-form" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={id}>
        Pull a model
      </label>
      <div className="pull-form__row">
        <input
          id={id}
          className="input pull-form__input"
          value={value}
          placeholder="e.g. llama3.2:3b"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={message !== null}
          aria-describedby={[message !== null && errorId, `${id}-help`].filter(Boolean).join(' ')}
          onChange={(event) => {
            setValue(event.target.value)
            setProblem(null)
          }}
        />
        <button type="submit" className="button button--primary">
          <Download size={14} aria-hidden />
          Pull
        </button>
      </div>
      <p id={`${id}-help`} className="field-help">
        A name from ollama.com/library, such as llama3.2:3b or qwen3:8b. Ollama downloads it; you can go on chatting
        meanwhile.
      </p>
      {message !== null && (
        <p id={errorId} className="field-error" role="alert">
          {message}
        </p>
      )}
      {started !== undefined && isRunning(started) && (
        <p className="field-ok" role="status">
          Pulling {started.model}.{' '}
          {showWhere && (
            <button type="button" className="link-button" onClick={() => setPage('models')}>
              Follow it under Downloads on the Models page
            </button>
          )}
        </p>
      )}
    </form>
  )
}
