import { createBridge, type Bridge, type Transport } from '../../src-shared/ipc/bridge'
import type { Channel, EventMap, EventName, In, Out } from '../../src-shared/ipc/contract'
import { fail, ok, type Result } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../src-shared/types'
import { makeAppInfo, makeStatus } from './fixtures'

type Handler<C extends Channel> = (input: In<C>) => Result<Out<C>> | Promise<Result<Out<C>>>
type Handlers = { [C in Channel]?: Handler<C> }

/** A bridge over an in-memory transport: handlers scripted per test, every call recorded, events emitted by hand. */
export interface FakeBridge {
  bridge: Bridge
  /** Scripts what a channel answers (replaces the previous handler). */
  handle: <C extends Channel>(channel: C, handler: Handler<C>) => void
  /** Delivers an event to the listeners, as main would. */
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void
  /** The inputs a channel was called with, oldest first. */
  callsTo: <C extends Channel>(channel: C) => In<C>[]
  listenerCount: (event: EventName) => number
  /** The event stream came back after a gap (browser mode): runs the bridge's `onReconnect` listeners. */
  reconnect: () => void
}

/**
 * Starts with a reachable Ollama, default settings and no models, conversations, pulls, temporary models or
 * hosts; a refresh changes nothing.
 */
export function createFakeBridge(): FakeBridge {
  const handlers: Handlers = {
    'app:getInfo': () => ok(makeAppInfo()),
    'ollama:getStatus': () => ok(makeStatus('reachable')),
    'ollama:checkNow': () => ok(makeStatus('reachable')),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'settings:update': (patch) => ok({ ...DEFAULT_SETTINGS, ...patch }),
    'models:list': () => ok({ models: [], defaultModel: null }),
    'models:refresh': () => ok({ changed: false }),
    'conversations:list': () => ok({ conversations: [] }),
    'models:activePulls': () => ok({ pulls: [] }),
    'chat:running': () => ok({ replies: [] }),
    'tempModels:list': () => ok({ tempModels: [] }),
    'hosts:check': () => ok({ hosts: [] }),
  }
  const calls: Array<{ channel: Channel; input: unknown }> = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const reconnectListeners = new Set<() => void>()

  const transport: Transport = {
    async call(channel, input) {
      calls.push({ channel, input })
      const handler = handlers[channel] as ((input: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined
      if (!handler) return fail('INTERNAL', `the test scripted no answer for ${channel}`)
      return handler(input)
    },
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => void reconnectListeners.delete(listener)
    },
  }

  return {
    bridge: createBridge(transport),
    handle(channel, handler) {
      ;(handlers as Record<Channel, unknown>)[channel] = handler
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    callsTo<C extends Channel>(channel: C) {
      return calls.filter((call) => call.channel === channel).map((call) => call.input as In<C>)
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    reconnect() {
      for (const listener of reconnectListeners) listener()
    },
  }
}

/** A promise plus the function that resolves it, for holding a call open while a test emits events. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}
