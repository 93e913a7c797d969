import { Pencil, Server, Trash2 } from 'lucide-react'
import { memo, useEffect, useId, useRef, useState } from 'react'
import type { ConversationSummary } from '../../../src-shared/types'
import { IconButton } from '../../components/IconButton'
import { errorText } from '../../lib/error-text'
import { ExportConversationButton } from './ExportConversationButton'
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
  // Renaming starts from the pencil or a double-click on the title; it ends by giving focus back to that control.
  const [renaming, setRenaming] = useState<RenameOpener | null>(null)
  const [returnFocusTo, setReturnFocusTo] = useState<RenameOpener | null>(null)
  const item = useRef<HTMLLIElement>(null)
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

  useEffect(() => {
    if (returnFocusTo === null) return
    setReturnFocusTo(null)
    // Only when the field took the focus with it (Enter, Esc): a click elsewhere keeps the focus where it went.
    if (document.activeElement !== null && document.activeElement !== document.body) return
    // The title first: the pencil is shown (and so focusable) only while the item has the focus or the pointer.
    for (const opener of returnFocusTo === 'button' ? ['title', 'button'] : ['title']) {
      item.current?.querySelector<HTMLElement>(`[data-rename-opener="${opener}"]`)?.focus()
    }
  }, [returnFocusTo])

  if (renaming) {
    return (
      <li ref={item} className="conv-item conv-item--renaming">
        <RenameField
          initial={conversation.title}
          label={`New title for “${title}”`}
          onDone={(next) => {
            setReturnFocusTo(renaming)
            setRenaming(null)
            if (next !== null && next !== conversation.title) void rename(conversation.id, next).then(report)
          }}
        />
      </li>
    )
  }
  return (
    <li ref={item} className={`conv-item${active ? ' conv-item--active' : ''}`}>
      <button
        type="button"
        className="conv-item__open"
        aria-current={active ? 'true' : undefined}
        aria-describedby={otherHost !== null ? hostHintId : undefined}
        title={conversation.preview || title}
        onClick={() => void open(conversation.id)}
        data-rename-opener="title"
        onDoubleClick={() => setRenaming('title')}
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
        <IconButton
          label={`Rename “${title}”`}
          className="icon-button--small"
          data-rename-opener="button"
          onClick={() => setRenaming('button')}
        >
          <Pencil size={14} aria-hidden />
        </IconButton>
        <ExportConversationButton conversationId={conversation.id} title={title} />
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

type RenameOpener = 'button' | 'title'
