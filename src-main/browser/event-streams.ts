import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventMap, EventName } from '../../src-shared/ipc/contract'
import { SECURITY_HEADERS } from './static-files'

/** A comment line this often keeps idle streams open through proxies and tells a page its server still answers. */
const HEARTBEAT_MS = 15_000

/** Browser mode's server-sent events: every open `GET /events` response, and what is written to them. */
export interface EventStreams {
  /** Answers `GET /events`: the response stays open, receiving every broadcast until the page closes it. */
  open(request: IncomingMessage, response: ServerResponse): void
  /** Writes one core event to every open stream; a property, so it can be handed to `onAny` as it is. */
  broadcast: <E extends EventName>(name: E, payload: EventMap[E]) => void
  /** Ends every open stream (the server is closing). */
  endAll(): void
}

export function createEventStreams(): EventStreams {
  const streams = new Set<ServerResponse>()
  return {
    open(request, response) {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      response.write(': connected\n\n')
      streams.add(response)
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS)
      request.on('close', () => {
        clearInterval(heartbeat)
        streams.delete(response)
      })
    },
    // Each event is serialised once and written as it comes (no buffering, no compression), however many windows
    // are open.
    broadcast(name, payload) {
      if (streams.size === 0) return
      const message = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const stream of streams) stream.write(message)
    },
    endAll() {
      for (const stream of streams) stream.end()
    },
  }
}
