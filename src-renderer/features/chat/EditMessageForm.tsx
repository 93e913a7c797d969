import { useState } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import { useApp } from '../../store/store-context'

/**
 * Sends a new version of a sent message and answers it. Nothing is replaced: the original and what followed it stay
 * as the previous version ("‹ 1/2 ›"), so there is nothing to confirm.
 */
export function EditMessageForm({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const [value, setValue] = useState(message.content)
  const editAndResend = useApp((state) => state.editAndResend)
  const empty = value.trim() === ''

  const submit = () => {
    if (empty) return
    onClose()
    void editAndResend(message.conversationId, message.id, value)
  }

  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <textarea
        className="textarea"
        aria-label="Edit message"
        aria-describedby={`edit-hint-${message.id}`}
        value={value}
        rows={Math.min(10, Math.max(2, value.split('\n').length))}
        autoFocus
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            onClose()
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault()
            submit()
          }
        }}
      />
      <div className="edit-form__actions">
        <span className="edit-form__hint" id={`edit-hint-${message.id}`}>
          Sends a new version; the original stays.
        </span>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={empty}>
          Send
        </button>
      </div>
    </form>
  )
}
