import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { SearchHit } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useApp } from '../../store/store-context'
import { SEARCH_INPUT_ID } from '../shell/use-global-shortcuts'
import { searchCountLabel } from './search-count'

/** The class of a hit's button, which the arrow keys move between. */
export const SEARCH_HIT_CLASS = 'search-hit'
/** The id of the results list, where ArrowDown in the search field goes. */
export const SEARCH_RESULTS_ID = 'search-results'

/**
 * Search hits with the matched words highlighted; a click (or Enter) opens the conversation at that message.
 * ArrowDown and ArrowUp move between the hits (ArrowUp from the first goes back to the search field). The count
 * is the total; when there are more than one page holds, a button below the list loads the next page and the
 * focus moves to the first hit it brought.
 */
export function SearchResults() {
  const search = useApp((state) => state.search)
  const open = useApp((state) => state.openConversation)
  const loadMore = useApp((state) => state.loadMoreResults)
  const list = useRef<HTMLUListElement>(null)
  const focusHitOnLoad = useRef<number | null>(null)

  useEffect(() => {
    const index = focusHitOnLoad.current
    if (index === null || search.loadingMore) return
    focusHitOnLoad.current = null
    list.current?.querySelectorAll<HTMLElement>(`.${SEARCH_HIT_CLASS}`)[index]?.focus()
  }, [search.hits.length, search.loadingMore])

  if (search.status === 'error' && search.error) return <ErrorNotice error={search.error} />
  if (search.hits.length === 0) {
    return (
      <p className="sidebar__empty" role="status">
        {search.status === 'loading' ? 'Searching…' : `No messages match “${search.query.trim()}”.`}
      </p>
    )
  }
  return (
    <nav id={SEARCH_RESULTS_ID} aria-label="Search results">
      <p className="conv-group__label" role="status">
        {searchCountLabel({
          shown: search.hits.length,
          hasMore: search.hasMore,
          total: search.total,
          moreThanTotal: search.moreThanTotal,
        })}
      </p>
      <ul ref={list} className="search-hits" onKeyDown={moveBetweenHits}>
        {search.hits.map((hit) => (
          <li key={hit.messageId}>
            <button
              type="button"
              className={SEARCH_HIT_CLASS}
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
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={search.loadingMore}
          onClick={() => {
            focusHitOnLoad.current = search.hits.length
            void loadMore()
          }}
        >
          {search.loadingMore ? 'Loading more…' : 'Show more results'}
        </button>
      )}
    </nav>
  )
}

function moveBetweenHits(event: KeyboardEvent<HTMLUListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const hits = [...event.currentTarget.querySelectorAll<HTMLElement>(`.${SEARCH_HIT_CLASS}`)]
  const current = hits.findIndex((hit) => hit === document.activeElement)
  if (current === -1) return
  event.preventDefault()
  const next = current + (event.key === 'ArrowDown' ? 1 : -1)
  if (next < 0) document.getElementById(SEARCH_INPUT_ID)?.focus()
  else hits[Math.min(next, hits.length - 1)]?.focus()
}

function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <span className="search-hit__snippet">
      {hit.role === 'assistant' && <span className="search-hit__role">Reply: </span>}
      {hit.snippet.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  )
}
