import { Pencil } from 'lucide-react'
import { useState } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import { CopyButton } from '../../components/CopyButton'
import { IconButton } from '../../components/IconButton'
import { EditMessageForm } from './EditMessageForm'

/** A message the user sent, with Edit (resend from here) and Copy. */
export function UserMessage({
  message,
  busy,
  laterCount,
  highlighted,
}: {
  message: ChatMessage
  busy: boolean
  laterCount: number
  highlighted: boolean
}) {
  const [editing, setEditing] = useState(false)
  return (
    <li className={`msg msg--user${highlighted ? ' msg--highlighted' : ''}`} data-message-id={message.id}>
      {editing ? (
        <EditMessageForm message={message} laterCount={laterCount} onClose={() => setEditing(false)} />
      ) : (
        <>
          <div className="msg__bubble">{message.content}</div>
          <div className="msg__actions">
            <CopyButton text={message.content} label="Copy message" />
            <IconButton
              label="Edit and resend"
              className="icon-button--small"
              disabled={busy}
              onClick={() => setEditing(true)}
            >
              <Pencil size={14} aria-hidden />
            </IconButton>
          </div>
        </>
      )}
    </li>
  )
}
