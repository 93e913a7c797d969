/**
 * The one object the renderer talks to (`window.ollmchat`): one function per channel plus `on` for events.
 * Built from the contract's name lists, so page code can never name an arbitrary channel. No dependencies,
 * because the sandboxed preload bundles it and cannot `require` npm modules.
 */
import { CHANNELS, isEventName, type Channel, type EventMap, type EventName, type In, type Out } from './contract'
import type { Result } from './result'

/** How a bridge reaches main: Electron IPC in the app, HTTP + server-sent events in browser mode. */
export interface Transport {
  call(channel: Channel, input: unknown): Promise<Result<unknown>>
  listen(event: EventName, listener: (payload: unknown) => void): () => void
  /** Browser mode only: calls `listener` each time the event stream is back after a gap. Returns the unsubscribe. */
  onReconnect?(listener: () => void): () => void
}

export type BridgeCalls = { [C in Channel]: (input: In<C>) => Promise<Result<Out<C>>> }

export interface BridgeEvents {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
  /**
   * Runs `listener` each time the event stream comes back after a gap (browser mode; Electron's IPC has none). The
   * events of the gap are lost, so what they would have told must be asked again. Returns the unsubscribe.
   */
  onReconnect(listener: () => void): () => void
}

export type Bridge = BridgeCalls & BridgeEvents

/** Name of the global the preload (or the browser-mode page) defines. */
export const BRIDGE_GLOBAL = 'ollmchat'

export function createBridge(transport: Transport): Bridge {
  const calls = Object.fromEntries(
    CHANNELS.map((channel) => [channel, (input: unknown) => transport.call(channel, input)]),
  ) as BridgeCalls
  const on: BridgeEvents['on'] = (event, listener) => {
    if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`)
    return transport.listen(event, listener as (payload: unknown) => void)
  }
  const onReconnect: BridgeEvents['onReconnect'] = (listener) => transport.onReconnect?.(listener) ?? (() => undefined)
  return Object.freeze({ ...calls, on, onReconnect })
}
