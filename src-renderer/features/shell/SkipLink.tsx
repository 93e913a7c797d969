import type { MouseEvent } from 'react'
import { useApp } from '../../store/store-context'

/** The id of the page's main region, where the skip link leads. */
export const MAIN_REGION_ID = 'main'

/**
 * The first stop of Tab: a link, shown only while focused, that moves the focus past the sidebar (search, every
 * conversation, the page switch) to the main region, so the next Tab reaches the chat header or the page.
 */
export function SkipLink() {
  const page = useApp((state) => state.page)
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus by hand rather than through the URL's fragment: the app does not route by it, and a fragment would
    // stay in the address after the jump.
    event.preventDefault()
    document.getElementById(MAIN_REGION_ID)?.focus()
  }
  return (
    <a className="skip-link" href={`#${MAIN_REGION_ID}`} onClick={skip}>
      {page === 'chat' ? 'Skip to conversation' : 'Skip to content'}
    </a>
  )
}
