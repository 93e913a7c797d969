import { useEffect, useState } from 'react'

/** Whole seconds since `startedAt`, re-rendering once a second while `running`. */
export function useElapsedSeconds(startedAt: number | null, running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  return startedAt === null ? 0 : Math.max(0, Math.round((now - startedAt) / 1000))
}
