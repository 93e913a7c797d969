import { useEffect, useState } from 'react'
import { whenIdle } from './when-idle'

// Runs whose placeholders are written per idle moment: 8 × 64 rows of plain text, a few milliseconds of parsing.
const RUNS_PER_STEP = 8

/**
 * Which runs of placeholders are written into the page yet. A long conversation opens with every run empty (a
 * box of the right height), so the first paint costs what the rows on screen cost; then the runs are filled from
 * the newest to the oldest, a few per idle moment, until every message's text is in the page for find-in-page
 * and screen readers. Runs from the returned index on are filled; runs added later (new messages) count as filled.
 */
export function useRunFilling(runs: number): number {
  const [filledFrom, setFilledFrom] = useState<number | null>(null)
  const from = filledFrom ?? runs
  useEffect(() => {
    if (from <= 0) return
    return whenIdle(() => setFilledFrom(Math.max(0, from - RUNS_PER_STEP)))
  }, [from])
  return from
}
