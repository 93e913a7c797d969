import { useState } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import { selectLaterCount } from '../../store/selectors'
import { useApp } from '../../store/store-context'

/**
 * Rewrites a sent message and answers again from there. When messages follow it, a second step says
 * how many will be replaced before anything is sent.
 */
export function EditMessageForm({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  // Read here, while the form is open, rather than passed to every message: that count changes for each of them
  // whenever a message is added.
  const laterCount = useApp(selectLaterCount(message.conversationId, message.id))
  const [value, setValue] = useState(message.content)
  const [confirming, setConfirming] = useState(false)
  const editAndResend = useApp((state) => state.editAndResend)
  const empty = value.trim() === ''

  const send = () => {
    onClose()
    void editAndResend(message.conversationId, message.id, value)
  }
  const submit = () => {
    if (empty) return
    if (laterCount > 0 && !confirming) setConfirming(true)
    else send()
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
        value={value}
        rows={Math.min(10, Math.max(2, value.split('\n').length))}
        autoFocus
        onChange={(event) => {
          setValue(event.target.value)
          setConfirming(false)
        }}
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
      {confirming ? (
        <div className="edit-form__confirm" role="alert">
          <span>
            This replaces the {laterCount === 1 ? 'message' : `${laterCount} messages`} after it. Send anyway?
          </span>
          <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
            Keep editing
          </button>
          <button type="submit" className="button button--primary">
            Replace and send
          </button>
        </div>
      ) : (
        <div className="edit-form__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={empty}>
            Send
          </button>
        </div>
      )}
    </form>
  )
}
