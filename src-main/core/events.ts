import type { EventMap, EventName } from '../../src-shared/ipc/contract'

type Listener<E extends EventName> = (payload: EventMap[E]) => void
type AnyListener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** The core's typed event emitter; the shells forward every event with `onAny`. */
export interface CoreEvents {
  emit<E extends EventName>(event: E, payload: EventMap[E]): void
  on<E extends EventName>(event: E, listener: Listener<E>): () => void
  onAny(listener: AnyListener): () => void
}

export function createCoreEvents(): CoreEvents {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const anyListeners = new Set<AnyListener>()
  return {
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as Listener<typeof event>)(payload)
      for (const listener of anyListeners) listener(event, payload)
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
