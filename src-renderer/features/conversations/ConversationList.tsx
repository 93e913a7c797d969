import { useMemo } from 'react'
import { groupByDate } from '../../lib/date-groups'
import { useApp } from '../../store/store-context'
import { ConversationItem } from './ConversationItem'

/** The conversations, newest activity first, under Today / Yesterday / … headings. */
export function ConversationList() {
  const conversations = useApp((state) => state.conversations)
  const status = useApp((state) => state.conversationsStatus)
  const activeId = useApp((state) => state.activeConversationId)
  const groups = useMemo(() => groupByDate(conversations), [conversations])

  if (conversations.length === 0) {
    return (
      <p className="sidebar__empty">
        {status === 'error' ? 'Conversations could not be loaded.' : status === 'ready' ? 'No conversations yet.' : ''}
      </p>
    )
  }
  return (
    <nav aria-label="Conversations">
      {groups.map((group) => (
        <section key={group.label} className="conv-group" aria-label={group.label}>
          <h2 className="conv-group__label">{group.label}</h2>
          <ul className="conv-list">
            {group.conversations.map((conversation) => (
              <ConversationItem
                key={conversation.id}
                conversation={conversation}
                active={conversation.id === activeId}
              />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  )
}
