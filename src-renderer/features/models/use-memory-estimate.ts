import { useEffect, useState } from 'react'
import type { MemoryEstimate } from '../../../src-shared/types'
import { useApp } from '../../store/store-context'

/** Waits this long after the last keystroke before asking, so typing "16384" asks once, not five times. */
export const ESTIMATE_DEBOUNCE_MS = 250

interface Answer {
  model: string
  numCtx: number
  estimate: MemoryEstimate | null
}

/**
 * The memory `model` would need at `numCtx` (`models:estimateMemory`), or `null` while nothing valid is typed,
 * before the answer arrives, or when the core cannot tell (a cloud model, an unknown architecture): a refusal
 * here is not the person's problem, so it shows nothing. An answer for a value no longer typed is dropped.
 */
export function useMemoryEstimate(model: string, numCtx: number | null): MemoryEstimate | null {
  const estimateMemory = useApp((state) => state.estimateMemory)
  const [answer, setAnswer] = useState<Answer | null>(null)

  useEffect(() => {
    if (numCtx === null) return
    let current = true
    const timer = setTimeout(() => {
      void estimateMemory(model, numCtx).then((result) => {
        if (current) setAnswer({ model, numCtx, estimate: result.ok ? result.value : null })
      })
    }, ESTIMATE_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [estimateMemory, model, numCtx])

  return answer !== null && answer.model === model && answer.numCtx === numCtx ? answer.estimate : null
}
