import { Search, X } from 'lucide-react'
import { useEffect, useState } from 'react'
import { isSearchableQuery } from '../../../src-shared/search'
import { WINDOW_COMMAND_KEYS } from '../../../src-shared/window-commands'
import { shortcutLabel } from '../../lib/platform'
import { useApp } from '../../store/store-context'
import { SEARCH_INPUT_ID } from '../shell/use-global-shortcuts'
import { SEARCH_HIT_CLASS, SEARCH_RESULTS_ID } from './SearchResults'

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 200

/**
 * The search field over all conversations (Ctrl/Cmd+K); searches as you type from the second character (one letter
 * matches nearly everything, and the list stays as it is until then), Esc clears.
 */
export function SearchBox() {
  const [value, setValue] = useState('')
  const runSearch = useApp((state) => state.runSearch)
  const clearSearch = useApp((state) => state.clearSearch)

  useEffect(() => {
    if (!isSearchableQuery(value)) {
      clearSearch()
      return
    }
    const timer = setTimeout(() => void runSearch(value), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [value, runSearch, clearSearch])

  return (
    <div className="search-box" role="search">
      <Search size={15} aria-hidden className="search-box__icon" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        aria-label="Search all conversations"
        placeholder={`Search   ${shortcutLabel(WINDOW_COMMAND_KEYS.search[0].key.toUpperCase())}`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value !== '') {
            event.preventDefault()
            setValue('')
          } else if (event.key === 'ArrowDown') {
            // Into the results: the arrows then move between the hits (SearchResults).
            const firstHit = document.querySelector<HTMLElement>(`#${SEARCH_RESULTS_ID} .${SEARCH_HIT_CLASS}`)
            if (firstHit) {
              event.preventDefault()
              firstHit.focus()
            }
          }
        }}
      />
      {value !== '' && (
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label="Clear search"
          onClick={() => setValue('')}
        >
          <X size={14} aria-hidden />
        </button>
      )}
    </div>
  )
}
