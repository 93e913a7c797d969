import { SquarePen } from 'lucide-react'
import { SimulatedBadge } from '../../components/SimulatedBadge'
import { IconButton } from '../../components/IconButton'
import { shortcutLabel } from '../../lib/platform'
import { useApp } from '../../store/store-context'
import { ConversationList } from '../conversations/ConversationList'
import { SearchBox } from '../conversations/SearchBox'
import { SearchResults } from '../conversations/SearchResults'
import { PullIndicator } from '../pulls/PullIndicator'
import { ConnectionLine } from './ConnectionLine'
import { PageNav } from './PageNav'

/**
 * The left column: brand, new chat, search, the conversations (or search hits), running pulls, the connection
 * and the page switch.
 */
export function Sidebar() {
  const startNewChat = useApp((state) => state.startNewChat)
  const searching = useApp((state) => state.search.query.trim() !== '')
  return (
    <aside className="sidebar">
      <div className="sidebar__top">
        <span className="brand">ollmchat</span>
        <IconButton label={`New chat (${shortcutLabel('N')})`} className="sidebar__new" onClick={startNewChat}>
          <SquarePen size={17} aria-hidden />
        </IconButton>
      </div>
      <SimulatedBadge />
      <SearchBox />
      <div className="sidebar__list">{searching ? <SearchResults /> : <ConversationList />}</div>
      <PullIndicator />
      <ConnectionLine />
      <PageNav />
    </aside>
  )
}
