import { Agent, request, type ClientRequest } from 'node:http'

/** One server-sent event as the window receives it. */
export interface SseMessage {
  event: string
  data: string
}

/** The browser-mode window's end of `GET /events`, reduced to what a benchmark counts. */
export interface SseClient {
  /** Messages and bytes received so far (comments such as `: connected` excluded from messages). */
  readonly received: { messages: number; bytes: number }
  /** Calls `listener` with every message from now on; returns the unsubscribe. */
  onMessage(listener: (message: SseMessage) => void): () => void
  close(): void
}

function parseBlock(block: string): SseMessage | null {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7)
    else if (line.startsWith('data: ')) data.push(line.slice(6))
  }
  return data.length === 0 ? null : { event, data: data.join('\n') }
}

/**
 * Opens the event stream of a browser-mode server over a real socket, authenticated with the session cookie,
 * and resolves once the server has answered. Parses messages the way `EventSource` does (blocks split on a
 * blank line), so a count here is the number of messages a window would handle.
 */
export function connectSse(origin: string, cookie: string): Promise<SseClient> {
  const listeners = new Set<(message: SseMessage) => void>()
  const received = { messages: 0, bytes: 0 }
  let pending = ''
  let req: ClientRequest | undefined
  return new Promise((resolve, reject) => {
    req = request(`${origin}/events`, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET /events answered ${String(response.statusCode)}`))
        response.resume()
        return
      }
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        received.bytes += Buffer.byteLength(chunk)
        pending += chunk
        let start = 0
        let end = pending.indexOf('\n\n')
        while (end !== -1) {
          const message = parseBlock(pending.slice(start, end))
          if (message !== null) {
            received.messages++
            for (const listener of listeners) listener(message)
          }
          start = end + 2
          end = pending.indexOf('\n\n', start)
        }
        pending = pending.slice(start)
      })
      resolve({
        received,
        onMessage(listener) {
          listeners.add(listener)
          return () => void listeners.delete(listener)
        },
        close: () => void req?.destroy(),
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** The window's other half: `POST /rpc/<channel>` as the renderer's browser transport sends it. */
export interface RpcPoster {
  post(channel: string, input: unknown): Promise<unknown>
  close(): void
}

/**
 * Posts RPC calls over one keep-alive connection with `node:http`, as a browser keeps its connection to the server
 * open. Not `fetch`: undici's fetch costs this process about half a millisecond of JavaScript per call (measured
 * here), work a browser does in its own network process, so it would be charged to the core it shares a thread with.
 */
export function createRpcPoster(origin: string, cookie: string): RpcPoster {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  return {
    post: (channel, input) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(input)
        const headers = {
          cookie,
          'x-ollmchat': '1',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        }
        const req = request(`${origin}/rpc/${channel}`, { method: 'POST', agent, headers }, (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (text += chunk))
          response.on('end', () => {
            try {
              resolve(JSON.parse(text) as unknown)
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          })
          response.on('error', reject)
        })
        req.on('error', reject)
        req.end(body)
      }),
    close: () => agent.destroy(),
  }
}
