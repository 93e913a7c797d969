import type { SearchHit } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'

/**
 * Search hits with the matched words highlighted; a click opens the conversation at that message. When there are
 * more than one page holds, a button below the list loads the next page.
 */
export function SearchResults() {
  const search = useApp((state) => state.search)
  const open = useApp((state) => state.openConversation)
  const loadMore = useApp((state) => state.loadMoreResults)

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
        {countLabel(search.hits.length, search.hasMore)}
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
      {search.error && <ErrorNotice error={search.error} />}
      {search.hasMore && (
        <button type="button" className="button button--ghost button--small" disabled={search.loadingMore} onClick={() => void loadMore()}>
          {search.loadingMore ? 'Loading more…' : 'Show more results'}
        </button>
      )}
    </nav>
  )
}

const countLabel = (count: number, hasMore: boolean) => {
  const messages = count === 1 ? '1 message' : `${count} messages`
  return hasMore ? `First ${messages}` : messages
}

function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <span className="search-hit__snippet">
      {hit.role === 'assistant' && <span className="search-hit__role">Reply: </span>}
      {hit.snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  )
}
