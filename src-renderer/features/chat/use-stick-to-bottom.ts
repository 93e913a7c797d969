import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'

const NEAR_BOTTOM_PX = 80

/** What the scroll container needs from `useStickToBottom`. */
export interface StickToBottom {
  /** Call from the container's scroll handler: scrolling up releases, scrolling back to the bottom sticks again. */
  onScroll: () => void
  /** Stops following (a jump to an earlier message) until the reader scrolls back to the bottom. */
  release: () => void
  /** Goes to the bottom and follows again (the reader sent a message: they want to see the answer). */
  stick: () => void
  /** The reader is away from the bottom (scrolled up, or jumped to an earlier message): offer the way back. */
  awayFromBottom: boolean
}

/**
 * Keeps a scroll container at the bottom while its content grows, unless the reader scrolled up to read: then it
 * stays where they are. Growth is noticed by a ResizeObserver on the content, which runs after the browser's own
 * layout, so a streaming reply costs no extra layout per frame; a change of `list` (a message added, a turn's end)
 * follows at once, for browsers and tests without a ResizeObserver too.
 */
export function useStickToBottom(
  scrollRef: RefObject<HTMLElement | null>,
  contentRef: RefObject<HTMLElement | null>,
  list: unknown,
): StickToBottom {
  const stuck = useRef(true)
  // A copy of `stuck` as state, for the "Jump to latest" button; set only when it flips, so scrolling renders nothing.
  const [awayFromBottom, setAwayFromBottom] = useState(false)

  const follow = useCallback(() => {
    const scroller = scrollRef.current
    if (scroller && stuck.current) scroller.scrollTop = scroller.scrollHeight
  }, [scrollRef])

  const onScroll = useCallback(() => {
    const scroller = scrollRef.current
    if (!scroller) return
    stuck.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX
    setAwayFromBottom(!stuck.current)
  }, [scrollRef])

  useLayoutEffect(() => {
    const scroller = scrollRef.current
    const content = contentRef.current
    if (!scroller || !content || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(follow)
    observer.observe(content)
    observer.observe(scroller)
    return () => observer.disconnect()
  }, [scrollRef, contentRef, follow])

  useLayoutEffect(follow, [follow, list])

  const release = useCallback(() => {
    stuck.current = false
  }, [])

  const stick = useCallback(() => {
    stuck.current = true
    setAwayFromBottom(false)
    follow()
  }, [follow])

  return { onScroll, release, stick, awayFromBottom }
}
