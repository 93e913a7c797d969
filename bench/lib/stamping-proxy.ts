import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** When the proxy passed on a chat chunk, and how much reply text had been sent by then. */
export interface TokenStamp {
  /** Wall-clock epoch milliseconds (`performance.timeOrigin + performance.now()`), comparable with a page's. */
  at: number
  /** Non-whitespace characters of reply content sent so far, this chunk included. */
  chars: number
}

/** A transparent HTTP proxy in front of Ollama (or the simulator) that timestamps every streamed chat chunk. */
export interface StampingProxy {
  url: string
  /** The stamps of the chat streams since the last `reset`, in order. */
  stamps: TokenStamp[]
  reset(): void
  close(): Promise<void>
}

export const nonWhitespaceLength = (text: string): number => text.replace(/\s+/g, '').length

/**
 * Forwards every request to `target` unchanged and, for `/api/chat`, reads the NDJSON lines as they pass through:
 * each line's `message.content` is counted and stamped at the moment the proxy writes it on towards the app. That
 * moment is "when Ollama sent the token" as far as the app can tell, so screen lag is measured from the stream
 * itself rather than from anything the app reports about itself.
 */
export async function startStampingProxy(target: string): Promise<StampingProxy> {
  const upstream = new URL(target)
  const stamps: TokenStamp[] = []
  let chars = 0
  const server: Server = createServer((incoming, outgoing) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers)
        if (incoming.url !== '/api/chat') return void response.pipe(outgoing)
        let pending = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          pending += chunk
          let newline = pending.indexOf('\n')
          while (newline >= 0) {
            const line = pending.slice(0, newline)
            pending = pending.slice(newline + 1)
            outgoing.write(`${line}\n`)
            const content = (JSON.parse(line) as { message?: { content?: string } }).message?.content ?? ''
            if (content !== '') {
              chars += nonWhitespaceLength(content)
              stamps.push({ at: performance.timeOrigin + performance.now(), chars })
            }
            newline = pending.indexOf('\n')
          }
        })
        response.on('end', () => outgoing.end(pending))
      },
    )
    forward.on('error', () => outgoing.destroy())
    incoming.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stamps,
    reset() {
      stamps.length = 0
      chars = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
