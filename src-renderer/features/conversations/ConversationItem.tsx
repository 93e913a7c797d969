import { Pencil, Server, Trash2 } from 'lucide-react'
import { memo, useId, useState } from 'react'
import type { ConversationSummary } from '../../../src-shared/types'
import { IconButton } from '../../components/IconButton'
import { errorText } from '../../lib/error-text'
import { useApp } from '../../store/store-context'
import { selectOtherHostOf } from './other-host'
import { RenameField } from './RenameField'

/**
 * One conversation in the sidebar: opens on click; rename inline; delete (with Undo in a toast). A small server
 * icon marks one whose latest reply came from another host than the one in use.
 */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
}: {
  conversation: ConversationSummary
  active: boolean
}) {
  const [renaming, setRenaming] = useState(false)
  const hostHintId = useId()
  const otherHost = useApp(selectOtherHostOf(conversation.lastHost))
  const open = useApp((state) => state.openConversation)
  const rename = useApp((state) => state.renameConversation)
  const remove = useApp((state) => state.deleteConversation)
  const pushToast = useApp((state) => state.pushToast)
  const title = conversation.title.trim() || 'New conversation'

  const report = (error: Parameters<typeof errorText>[0] | null) => {
    if (error) pushToast({ text: errorText(error), action: null })
  }

  if (renaming) {
    return (
      <li className="conv-item conv-item--renaming">
        <RenameField
          initial={conversation.title}
          label={`New title for “${title}”`}
          onDone={(next) => {
            setRenaming(false)
            if (next !== null && next !== conversation.title) void rename(conversation.id, next).then(report)
          }}
        />
      </li>
    )
  }
  return (
    <li className={`conv-item${active ? ' conv-item--active' : ''}`}>
      <button
        type="button"
        className="conv-item__open"
        aria-current={active ? 'true' : undefined}
        aria-describedby={otherHost !== null ? hostHintId : undefined}
        title={conversation.preview || title}
        onClick={() => void open(conversation.id)}
        onDoubleClick={() => setRenaming(true)}
      >
        {title}
      </button>
      {otherHost !== null && (
        <span className="conv-item__host" title={`Last used on ${otherHost}`}>
          <Server size={12} aria-hidden />
          <span id={hostHintId} className="visually-hidden">
            Last used on {otherHost}
          </span>
        </span>
      )}
      <span className="conv-item__actions">
        <IconButton label={`Rename “${title}”`} className="icon-button--small" onClick={() => setRenaming(true)}>
          <Pencil size={14} aria-hidden />
        </IconButton>
        <IconButton
          label={`Delete “${title}”`}
          className="icon-button--small"
          onClick={() => void remove(conversation.id).then(report)}
        >
          <Trash2 size={14} aria-hidden />
        </IconButton>
      </span>
    </li>
  )
})
