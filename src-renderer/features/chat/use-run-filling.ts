import { useEffect, useState } from 'react'
import { whenIdle } from './when-idle'

// Runs whose placeholders are written per idle moment: 8 × 64 rows of plain text, a few milliseconds of parsing.
const RUNS_PER_STEP = 8

/**
 * Which runs of placeholders are written into the page yet. A long conversation opens with every run empty (a
 * box of the right height), so the first paint costs what the rows on screen cost; then the runs are filled from
 * the newest to the oldest, a few per idle moment, until every message's text is in the page for find-in-page
 * and screen readers. Runs from the returned index on are filled; runs added later (new messages) count as filled.
 * When `startKey` (the list's first row) changes, rows came in above (older messages, fetched after the newest): the
 * runs then hold other rows than before, so filling starts over from the newest rather than write them all at once.
 */
export function useRunFilling(runs: number, startKey: string | undefined): number {
  const [filled, setFilled] = useState<{ startKey: string | undefined; from: number } | null>(null)
  const from = filled !== null && filled.startKey === startKey ? filled.from : runs
  useEffect(() => {
    if (from <= 0) return
    return whenIdle(() => setFilled({ startKey, from: Math.max(0, from - RUNS_PER_STEP) }))
  }, [from, startKey])
  return from
}
