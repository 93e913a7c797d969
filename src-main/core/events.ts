import type { EventMap, EventName } from '../../src-shared/ipc/contract'
import { messageOf } from './guards'
import { createConsoleLogger, type Logger } from './log'

type Listener<E extends EventName> = (payload: EventMap[E]) => void
type AnyListener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** The core's typed event emitter; the shells forward every event with `onAny`. */
export interface CoreEvents {
  /** Calls every listener; one that throws is logged and the rest still run, so `emit` itself never throws. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void
  on<E extends EventName>(event: E, listener: Listener<E>): () => void
  onAny(listener: AnyListener): () => void
}

/**
 * Builds the emitter. Events are emitted from timers and stream loops, where a listener's throw (a window that
 * went away, a bug in a shell) would otherwise become an uncaught exception in main or end a reply.
 */
export function createCoreEvents(log: Logger = createConsoleLogger()): CoreEvents {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const anyListeners = new Set<AnyListener>()
  const isolated = (event: EventName, call: () => void) => {
    try {
      call()
    } catch (error) {
      log.error('an event listener failed', { event, error: messageOf(error) })
    }
  }
  return {
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? [])
        isolated(event, () => (listener as Listener<typeof event>)(payload))
      for (const listener of anyListeners) isolated(event, () => listener(event, payload))
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    onAny(listener) {
      anyListeners.add(listener)
      return () => anyListeners.delete(listener)
    },
  }
}
