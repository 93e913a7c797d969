import { ScrollText } from 'lucide-react'
import { useId, useState } from 'react'
import type { AppError } from '../../../src-shared/ipc/result'
import { ErrorNotice } from '../../components/ErrorNotice'
import { selectActiveConversation } from '../../store/conversations-slice'
import { usePopover } from '../../lib/use-popover'
import { useApp } from '../../store/store-context'
import { PromptPresets } from './presets/PromptPresets'

/** A small panel on the header for the conversation's system prompt (`conversations:update`). */
export function SystemPromptPopover() {
  const conversation = useApp(selectActiveConversation)
  const draftPrompt = useApp((state) => state.draft.systemPrompt)
  const save = useApp((state) => state.setActiveSystemPrompt)
  const current = conversation ? conversation.systemPrompt : draftPrompt
  const { open, show, close, closeOnEscape, opener, panel } = usePopover()
  const [value, setValue] = useState(current)
  const [error, setError] = useState<AppError | null>(null)
  const id = useId()

  const toggle = () => {
    if (open) return close()
    setValue(current)
    setError(null)
    show()
  }
  const submit = async () => {
    const failure = await save(value.trim())
    if (failure) setError(failure)
    else close()
  }

  return (
    <div className="popover-anchor">
      <button
        ref={opener}
        type="button"
        className={`button button--ghost${current.trim() ? ' button--marked' : ''}`}
        title="The system prompt of this conversation"
        aria-expanded={open}
        aria-controls={id}
        onClick={toggle}
      >
        <ScrollText size={15} aria-hidden />
        <span className="chat-header__label">System prompt</span>
      </button>
      {open && (
        <div ref={panel} id={id} className="popover" role="dialog" aria-label="System prompt" onKeyDown={closeOnEscape}>
          <PromptPresets idPrefix={id} text={value} onPick={setValue} />
          <label htmlFor={`${id}-text`} className="field-label">
            System prompt for this conversation
          </label>
          <textarea
            id={`${id}-text`}
            className="textarea"
            rows={6}
            autoFocus
            value={value}
            placeholder="For example: You are a concise assistant. Answer in British English."
            onChange={(event) => setValue(event.target.value)}
          />
          <p className="field-help">Sent to the model before the conversation. Applies from the next reply.</p>
          {error && <ErrorNotice error={error} />}
          <div className="popover__actions">
            <button type="button" className="button button--ghost" onClick={close}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={() => void submit()}>
              Save
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
