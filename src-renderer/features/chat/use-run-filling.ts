import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { whenIdle, type CancelIdle, type IdleTime } from './when-idle'

// What writing one run (64 placeholders of plain text parsed by the browser, and the list's re-render) is taken to
// cost before it was measured, and at least after: about what 64 seeded messages of a few hundred characters take in
// Chromium here; the floor keeps one very cheap run from making the next step write many more than fit.
const INITIAL_RUN_COST_MS = 2
const MIN_RUN_COST_MS = 1
// Of the idle moment left, the share a step plans to use: runs differ in length (a run of long replies costs more
// than the last one measured), and a step that overruns delays the next frame, so it plans for half.
const IDLE_SHARE = 0.5
// A moment with at least this much left always gets one run, however costly runs were measured: on a slow machine a
// run can cost more than the share of even a whole idle period, and filling must still go on, a run per moment.
const ONE_RUN_AT_LEAST_MS = 10

/**
 * Which runs of placeholders are written into the page yet. A long conversation opens with every run empty (a
 * box of the right height), so the first paint costs what the rows on screen cost; then the runs are filled from
 * the newest to the oldest in idle moments only (no deadline forces a step while a reply streams), each step as
 * many runs as fit in the time the moment has left (by the measured cost of a run), written at once so the work
 * happens inside that moment, until every message's text is in the page for find-in-page and screen readers.
 * Runs from the returned index on are filled; runs added later (new messages) count as filled.
 * When `startKey` (the list's first row) changes, rows came in above (older messages, fetched after the newest): the
 * runs then hold other rows than before, so filling starts over from the newest rather than write them all at once.
 */
export function useRunFilling(runs: number, startKey: string | undefined): number {
  const [filled, setFilled] = useState<{ startKey: string | undefined; from: number } | null>(null)
  const runCost = useRef(INITIAL_RUN_COST_MS)
  const from = filled !== null && filled.startKey === startKey ? filled.from : runs
  useEffect(() => {
    if (from <= 0) return
    let cancel: CancelIdle
    const step = (deadline: IdleTime) => {
      const remaining = deadline.timeRemaining()
      const fit = Math.max(
        Math.floor((remaining * IDLE_SHARE) / runCost.current),
        remaining >= ONE_RUN_AT_LEAST_MS ? 1 : 0,
      )
      // Too little time left in this moment: wait for the next one.
      if (fit < 1) return void (cancel = whenIdle(step))
      const next = Math.max(0, from - fit)
      const start = performance.now()
      // Rendered now, inside the idle moment, rather than in a task React would schedule after it.
      flushSync(() => setFilled({ startKey, from: next }))
      runCost.current = Math.max(MIN_RUN_COST_MS, (performance.now() - start) / (from - next))
    }
    cancel = whenIdle(step)
    return () => cancel()
  }, [from, startKey])
  return from
}
