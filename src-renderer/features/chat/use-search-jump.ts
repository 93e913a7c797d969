import { useEffect, useEffectEvent } from 'react'
import { useApp } from '../../store/store-context'

const HIGHLIGHT_MS = 2600

/**
 * A message opened from search (`highlightMessageId`): once the list holds it (or holds every message, when it is
 * not there), renders the rows around it, scrolls it to the middle of the screen (smoothly when it was already
 * rendered nearby, at once when it was far) and clears the highlight after a moment. A long conversation loads its
 * newest messages first: a hit among them jumps at once, an older one when the older messages have arrived.
 */
export function useSearchJump(options: {
  ready: boolean
  /** The list holds every message of the conversation (not only the newest). */
  complete: boolean
  rowIndexOf: (messageId: string) => number | undefined
  isRendered: (messageId: string) => boolean
  reveal: (index: number, then: (row: Element) => void) => void
  release: () => void
}): string | null {
  const { rowIndexOf, isRendered, reveal, release } = options
  const highlightId = useApp((state) => state.highlightMessageId)
  const clearHighlight = useApp((state) => state.clearHighlight)
  const ready = options.ready && (options.complete || (highlightId !== null && rowIndexOf(highlightId) !== undefined))

  // An effect event: the list changing while the highlight shows (a reply streaming in) must not jump again.
  const jump = useEffectEvent((messageId: string) => {
    const index = rowIndexOf(messageId)
    if (index === undefined) return
    const behavior: ScrollBehavior = isRendered(messageId) ? 'smooth' : 'instant'
    release()
    reveal(index, (row) => {
      if (typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'center', behavior })
    })
  })

  useEffect(() => {
    if (highlightId === null || !ready) return
    jump(highlightId)
    const timer = setTimeout(clearHighlight, HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlightId, ready, clearHighlight])

  return highlightId
}
