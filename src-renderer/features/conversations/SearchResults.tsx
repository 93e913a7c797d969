import type { SearchHit } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'

/** Search hits with the matched words highlighted; a click opens the conversation at that message. */
export function SearchResults() {
  const search = useApp((state) => state.search)
  const open = useApp((state) => state.openConversation)

  if (search.status === 'error' && search.error) return <ErrorNotice error={search.error} />
  if (search.hits.length === 0) {
    return (
      <p className="sidebar__empty" role="status">
        {search.status === 'loading' ? 'Searching…' : `No messages match “${search.query.trim()}”.`}
      </p>
    )
  }
  return (
    <nav aria-label="Search results">
      <p className="conv-group__label" role="status">
        {search.hits.length === 1 ? '1 message' : `${search.hits.length} messages`}
      </p>
      <ul className="search-hits">
        {search.hits.map((hit) => (
          <li key={hit.messageId}>
            <button
              type="button"
              className="search-hit"
              onClick={() => void open(hit.conversationId, { highlightMessageId: hit.messageId })}
            >
              <span className="search-hit__title">{hit.conversationTitle || 'New conversation'}</span>
              <Snippet hit={hit} />
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <span className="search-hit__snippet">
      {hit.role === 'assistant' && <span className="search-hit__role">Reply: </span>}
      {hit.snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  )
}
