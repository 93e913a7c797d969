import { useEffect, useState } from 'react'

/**
 * The time (epoch ms), read when the component mounts and again every `everyMs`. Only the component that calls it
 * re-renders on the tick, so a small text can stay current without redrawing the page around it.
 */
export function useClock(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
