import type { Transport } from '../../src-shared/ipc/bridge'
import type { EventName } from '../../src-shared/ipc/contract'
import type { Result } from '../../src-shared/ipc/result'

/** The part of `EventSource` the transport uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void
  close(): void
}

export interface HttpTransportOptions {
  fetch?: typeof fetch
  createEventSource?: (url: string) => EventSourceLike
  /** Delay before a new `EventSource` replaces one the browser gave up on. */
  retryDelayMs?: number
}

const NOT_ANSWERING: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The ollmchat server is not answering. Is it still running?' },
}

const CLOSED = 2

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

/** A `Result` that reports a failure in words (what the server sends with a refusal's 4xx/5xx status). */
function isFailure(value: unknown): value is Result<never> {
  if (!isResult(value) || value.ok) return false
  const error: unknown = (value as { error?: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

/**
 * Browser mode's transport: `POST /rpc/<channel>` for requests and one shared `EventSource('/events')`
 * for events. Calls never throw; after the event stream reconnects, listeners of `ollama:status` get a
 * fresh status (events sent while disconnected are lost, and a stale banner must not stay up), and `onReconnect`
 * listeners are told, so they can ask again what else the gap hid (the running replies).
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url))
  const retryDelayMs = options.retryDelayMs ?? 2000
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let source: EventSourceLike | null = null
  let lostConnection = false
  const reconnectListeners = new Set<() => void>()

  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      const response = await doFetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ollmchat': '1' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      })
      const body = await readJson(response)
      // A refusal (403, 413, …) still carries the server's own failure, which says more than "not answering".
      if (!response.ok) return isFailure(body) ? body : NOT_ANSWERING
      return isResult(body) ? body : NOT_ANSWERING
    } catch {
      return NOT_ANSWERING
    }
  }

  function dispatch(event: EventName, payload: unknown) {
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }

  function subscribe(target: EventSourceLike, event: EventName) {
    target.addEventListener(event, (message) => {
      let payload: unknown
      try {
        payload = JSON.parse(message.data)
      } catch {
        console.warn(`ollmchat: ignored an unreadable "${event}" event`)
        return
      }
      dispatch(event, payload)
    })
  }

  function open() {
    const target = createEventSource('/events')
    source = target
    for (const event of listeners.keys()) subscribe(target, event)
    target.addEventListener('open', () => {
      if (!lostConnection) return
      lostConnection = false
      void call('ollama:getStatus', {}).then((result) => {
        if (result.ok) dispatch('ollama:status', result.value)
      })
      for (const listener of reconnectListeners) listener()
    })
    target.addEventListener('error', () => {
      lostConnection = true
      // EventSource retries by itself unless the server answered with an error; then it stays closed.
      if (target.readyState === CLOSED && source === target) {
        setTimeout(() => {
          if (source === target) open()
        }, retryDelayMs)
      }
    })
  }

  return {
    call: (channel, input) => call(channel, input),
    listen(event, listener) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
        if (source) subscribe(source, event)
      }
      set.add(listener)
      if (!source) open()
      return () => {
        set.delete(listener)
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => void reconnectListeners.delete(listener)
    },
  }
}
