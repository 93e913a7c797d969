import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * How long, and how much of a refused body, a connection is kept after its answer. Destroying a socket with unread
 * data in it makes the kernel send a reset, which throws away whatever the client had received but not yet read:
 * 1 in 10 uploads of 64 MB got ECONNRESET instead of the 413. Node drains the body meanwhile (its parser reads
 * the socket's handle whatever the streams' pause state), so both bounds keep a client that goes on sending from making
 * the server read its whole body.
 */
export const LINGER_LIMITS = { ms: 1_000, bytes: 16 * 1024 * 1024 }
const LINGER_CHECK_MS = 10

/**
 * After this response the connection closes rather than being kept alive for the next request behind an unread
 * body: the server sends its answer, half-closes (FIN), and destroys the socket when the client closes, after
 * `LINGER_LIMITS.ms`, or once `LINGER_LIMITS.bytes` more have arrived. HTTP calls this a lingering close
 * (RFC 9112 §9.6).
 */
export function closeAfterResponse(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('connection', 'close')
  const socket = request.socket
  // Node's server ends a `connection: close` response with `destroySoon()`, a destroy right after the FIN: the
  // reset this function exists to avoid. Half-closing is all it may do there; the bounds below destroy.
  socket.destroySoon = () => socket.end()
  response.once('finish', () => {
    // Node's parser reads the socket's handle directly, so no stream event tells how much arrives; `bytesRead` does.
    const readAtAnswer = socket.bytesRead
    const watch = setInterval(() => {
      if (socket.bytesRead - readAtAnswer > LINGER_LIMITS.bytes) socket.destroy()
    }, LINGER_CHECK_MS)
    const timer = setTimeout(() => socket.destroy(), LINGER_LIMITS.ms)
    watch.unref()
    timer.unref()
    socket.once('close', () => {
      clearInterval(watch)
      clearTimeout(timer)
    })
    socket.end()
  })
}
