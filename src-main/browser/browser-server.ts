import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core/core-types'
import type { Logger } from '../core/log'
import { createEventStreams } from './event-streams'
import { refuse, sendText } from './http-replies'
import { parseRequestTarget } from './request-target'
import { answerRpc } from './rpc-endpoint'
import {
  isSameHostRequest,
  newSessionToken,
  readCookie,
  sessionCookie,
  sessionCookieName,
  tokensMatch,
} from './session-auth'
import { SECURITY_HEADERS, serveStatic } from './static-files'

// The limit belongs to the RPC endpoint; tests elsewhere (request-limits, data-handlers) read it from the server.
export { bodyLimitOf } from './rpc-endpoint'

export interface BrowserServerOptions {
  core: Core
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token (tests); a random one by default. */
  token?: string
  log: Logger
  /**
   * Answers the page's own requests (anything but `/rpc/` and `/events`) once the session is checked, instead of
   * the built files: Vite's dev server in `npm run dev -- --browser` (scripts/dev-web.ts). Must answer every request.
   */
  servePage?: PageServer
}

/** Something that answers page requests itself (its own headers, its own 404s). */
export type PageServer = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>

export interface BrowserServer {
  /** The address to open, token included: `http://127.0.0.1:<port>/?token=…`. */
  readonly url: string
  readonly origin: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Browser mode: the same renderer and the same core as the desktop app, over HTTP (`POST /rpc/<channel>`) and
 * server-sent events (`GET /events`), on 127.0.0.1 only. The printed URL carries a random token; opening it sets
 * an HttpOnly cookie, and every other request without that cookie is refused.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newSessionToken()
  const eventStreams = createEventStreams()
  let port = 0

  const authorised = (request: IncomingMessage) => tokensMatch(token, readCookie(request, sessionCookieName(port)))

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isSameHostRequest(request, port))
      return refuse(request, response, 403, 'FORBIDDEN', 'ollmchat only answers on its own loopback address.')
    const url = parseRequestTarget(request.url)
    if (url === null) return refuse(request, response, 400, 'INVALID_INPUT', 'That address is not valid.')
    const given = url.searchParams.get('token')
    if (request.method === 'GET' && given !== null) {
      if (!tokensMatch(token, given))
        return sendText(response, 403, 'That link has a wrong token. Use the address ollmchat printed.')
      response.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(port, token), location: '/' })
      return response.end()
    }
    if (!authorised(request))
      return refuse(
        request,
        response,
        403,
        'FORBIDDEN',
        'Open ollmchat with the address it printed (it carries a token).',
      )
    if (request.method === 'POST' && url.pathname.startsWith('/rpc/'))
      return answerRpc(options.core, request, response, url.pathname.slice(5))
    if (request.method === 'GET' && url.pathname === '/events') return eventStreams.open(request, response)
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.')
    if (options.servePage) return options.servePage(request, response)
    if (!(await serveStatic(options.rendererDir, url.pathname, response))) sendText(response, 404, 'Not found.')
  }

  // Nagle's algorithm would hold a small event (the first token) until the window acknowledged the previous one.
  // Node's default since 18, stated because the first token depends on it.
  const server = createServer({ noDelay: true }, (request, response) => {
    route(request, response).catch((error: unknown) => {
      // The path only: the query of a page request carries the session token, which never goes to the log.
      const path = (request.url ?? '').split('?', 1)[0]
      options.log.error('browser-mode request failed', {
        path,
        error: error instanceof Error ? error.message : String(error),
      })
      if (!response.headersSent)
        refuse(request, response, 500, 'INTERNAL', 'ollmchat hit an internal error; its log has the details.')
      else response.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  // One subscription for every window, made once listening succeeded (a failed start leaves no listener behind).
  const unsubscribeEvents = options.core.events.onAny(eventStreams.broadcast)
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribeEvents()
        eventStreams.endAll()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
