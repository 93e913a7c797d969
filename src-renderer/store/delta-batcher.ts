import type { EventMap } from '../../src-shared/ipc/contract'
import type { DeltaBatch } from './chat-events'

/** Runs a callback later, e.g. `requestAnimationFrame`. */
export type Schedule = (callback: () => void) => void

/** Collects `chat:delta` events and hands them over at most once per scheduled tick. */
export interface DeltaBatcher {
  push: (delta: EventMap['chat:delta']) => void
  /** Applies what is pending now (before an event that must come after the text seen so far). */
  flush: () => void
  /** Drops what is pending and ignores the tick already scheduled. */
  stop: () => void
}

export function createDeltaBatcher(apply: (batch: DeltaBatch) => void, schedule: Schedule): DeltaBatcher {
  let pending: DeltaBatch = {}
  let scheduled = false
  let stopped = false

  const flush = () => {
    scheduled = false
    if (stopped || Object.keys(pending).length === 0) return
    const batch = pending
    pending = {}
    apply(batch)
  }

  return {
    push(delta) {
      if (stopped) return
      const previous = pending[delta.messageId]
      pending[delta.messageId] = {
        content: (previous?.content ?? '') + delta.content,
        thinking: (previous?.thinking ?? '') + delta.thinking,
      }
      if (!scheduled) {
        scheduled = true
        schedule(flush)
      }
    },
    flush,
    stop() {
      stopped = true
      pending = {}
    },
  }
}
