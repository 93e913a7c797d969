import { SlidersHorizontal } from 'lucide-react'
import { useEffect, useId, useState } from 'react'
import { thinkControlFor, type OptionKey, type ThinkSetting } from '../../../../src-shared/conversation-options'
import type { AppError } from '../../../../src-shared/ipc/result'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { selectActiveConversation } from '../../../store/conversations-slice'
import { usePopover } from '../../../lib/use-popover'
import { useApp } from '../../../store/store-context'
import { draftFrom, EMPTY_DRAFT, readDraft, type OptionDraft } from './option-draft'
import { ParameterFields } from './ParameterFields'
import { ThinkingControl } from './ThinkingControl'
import { useModelOwnOptions } from './use-model-own-options'

/**
 * "Options" on the conversation header: the thinking choice (thinking models only) and the sampling options,
 * saved with the conversation (`conversations:update`) and sent with every later reply. A dot marks a conversation that
 * differs from its model's own values. Esc, Cancel and Save all return focus to the button.
 */
export function ConversationOptionsPopover() {
  const conversation = useApp(selectActiveConversation)
  const models = useApp((state) => state.models)
  const save = useApp((state) => state.setActiveOptions)
  const { open, show, close, closeOnEscape, opener: button, panel: dialog } = usePopover()
  const [draft, setDraft] = useState<OptionDraft>(EMPTY_DRAFT)
  const [think, setThink] = useState<ThinkSetting | null>(null)
  const [errors, setErrors] = useState<Partial<Record<OptionKey, string>>>({})
  const [failure, setFailure] = useState<AppError | null>(null)
  const id = useId()
  const { own, error: ownError } = useModelOwnOptions(conversation?.model ?? null, open)
  const model = models.find((candidate) => candidate.name === conversation?.model)
  const control = model === undefined ? 'none' : thinkControlFor(model)
  const differs =
    conversation !== undefined && (Object.keys(conversation.options).length > 0 || conversation.think !== null)

  useEffect(() => {
    if (open) dialog.current?.querySelector<HTMLElement>('select, input, textarea')?.focus()
  }, [open, dialog])

  const toggle = () => {
    if (open) return close()
    setDraft(draftFrom(conversation?.options ?? {}))
    setThink(conversation?.think ?? null)
    setErrors({})
    setFailure(null)
    show()
  }
  const change = (key: OptionKey, text: string) => {
    setDraft((current) => ({ ...current, [key]: text }))
    setErrors(({ [key]: _fixed, ...others }) => others)
  }
  const resetAll = () => {
    setDraft(EMPTY_DRAFT)
    setThink(null)
    setErrors({})
  }
  const submit = async () => {
    const reading = readDraft(draft, own)
    if (!reading.ok) return setErrors(reading.errors)
    const problem = await save({ options: reading.options, ...(control === 'none' ? {} : { think }) })
    if (problem) setFailure(problem)
    else close()
  }

  return (
    <div className="popover-anchor">
      <button
        ref={button}
        type="button"
        className={`button button--ghost${differs ? ' button--marked' : ''}`}
        aria-expanded={open}
        aria-controls={id}
        title={
          conversation === undefined
            ? 'Options apply once the conversation has its first message.'
            : 'Thinking and model options for this conversation'
        }
        disabled={conversation === undefined}
        onClick={toggle}
      >
        <SlidersHorizontal size={15} aria-hidden />
        <span className="chat-header__label">Options</span>
        {differs && (
          <>
            <span className="options-marker" aria-hidden />
            <span className="visually-hidden"> (changed from the model’s own)</span>
          </>
        )}
      </button>
      {open && conversation !== undefined && (
        <div
          ref={dialog}
          id={id}
          className="popover popover--options"
          role="dialog"
          aria-label="Conversation options"
          onKeyDown={closeOnEscape}
        >
          <p className="field-help options-intro">
            For this conversation only. An empty field uses the model’s own value; changes apply from the next reply.
          </p>
          {control !== 'none' && (
            <ThinkingControl id={`${id}-think`} control={control} value={think} onChange={setThink} />
          )}
          <ParameterFields idPrefix={id} draft={draft} own={own} errors={errors} onChange={change} />
          {ownError && (
            <p className="field-help">The model’s own values could not be read; saved values are kept as typed.</p>
          )}
          {failure && <ErrorNotice error={failure} />}
          <div className="popover__actions">
            <button type="button" className="button button--ghost options-reset-all" onClick={resetAll}>
              Reset all
            </button>
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
