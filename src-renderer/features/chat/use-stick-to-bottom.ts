import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react'

const NEAR_BOTTOM_PX = 80

/**
 * Keeps a scroll container at the bottom while content grows, unless the reader scrolled up to read:
 * then it stays where they are. Returns the ref to attach and the `onScroll` handler.
 */
export function useStickToBottom(
  change: unknown,
): { ref: RefObject<HTMLDivElement | null>; onScroll: () => void } {
  const ref = useRef<HTMLDivElement>(null)
  const stuck = useRef(true)

  const onScroll = useCallback(() => {
    const element = ref.current
    if (!element) return
    stuck.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
  }, [])

  useLayoutEffect(() => {
    const element = ref.current
    if (element && stuck.current) element.scrollTop = element.scrollHeight
  }, [change])

  return { ref, onScroll }
}
