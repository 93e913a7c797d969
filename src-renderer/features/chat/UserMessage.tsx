import { Pencil } from 'lucide-react'
import { useState } from 'react'
import type { ChatMessage } from '../../../src-shared/types'
import { CopyButton } from '../../components/CopyButton'
import { IconButton } from '../../components/IconButton'
import { selectIsAnswering } from '../../store/selectors'
import { useApp } from '../../store/store-context'
import { EditMessageForm } from './EditMessageForm'
import { MessageImages } from './images/MessageImages'
import { VersionSwitcher } from './VersionSwitcher'

/** A message the user sent, with Edit (resend from here) and Copy. */
export function UserMessage({ message, highlighted }: { message: ChatMessage; highlighted: boolean }) {
  const [editing, setEditing] = useState(false)
  return (
    <li className={`msg msg--user${highlighted ? ' msg--highlighted' : ''}`} data-message-id={message.id}>
      {editing ? (
        <EditMessageForm message={message} onClose={() => setEditing(false)} />
      ) : (
        <>
          <MessageImages message={message} />
          <div className="msg__bubble">{message.content}</div>
          <div className="msg__actions">
            <VersionSwitcher message={message} noun="message" />
            <CopyButton text={message.content} label="Copy message" />
            <EditButton conversationId={message.conversationId} onClick={() => setEditing(true)} />
          </div>
        </>
      )}
    </li>
  )
}

/**
 * Waits while the conversation answers. It reads that itself, so a turn's start and end re-render this button
 * in each message on screen rather than every message.
 */
function EditButton({ conversationId, onClick }: { conversationId: string; onClick: () => void }) {
  const answering = useApp(selectIsAnswering(conversationId))
  return (
    <IconButton label="Edit and resend" className="icon-button--small" disabled={answering} onClick={onClick}>
      <Pencil size={14} aria-hidden />
    </IconButton>
  )
}
