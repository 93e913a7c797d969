import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MAX_IMPORT_BYTES } from '../../src-shared/data-rule'
import { MAX_IMAGE_BASE64_CHARS } from '../../src-shared/image-rule'
import { isChannel, type Channel } from '../../src-shared/ipc/contract'
import { MAX_IMAGES_PER_MESSAGE } from '../../src-shared/limits'
import { fail, type ErrorCode } from '../../src-shared/ipc/result'
import type { Core } from '../core/core-types'
import type { Logger } from '../core/log'
import { BodyTooLargeError, readBoundedBody } from './request-body'
import { createEventStreams } from './event-streams'
import { closeAfterResponse } from './lingering-close'
import { parseRequestTarget } from './request-target'
import {
  isSameHostRequest,
  newSessionToken,
  readCookie,
  sessionCookie,
  sessionCookieName,
  tokensMatch,
} from './session-auth'
import { SECURITY_HEADERS, serveStatic } from './static-files'

/** Bodies above this are refused: the largest valid input without images (a 200,000-character message) fits well below. */
const MAX_BODY_BYTES = 2 * 1024 * 1024
/**
 * `chat:send` may carry images: as many as a message takes, each as long as its base64 may be (about 107 MB at
 * 8 × 10 MB), on top of the usual bound. Only that channel gets it; everything else stays at 2 MB.
 */
const MAX_SEND_BODY_BYTES = MAX_BODY_BYTES + MAX_IMAGES_PER_MESSAGE * (MAX_IMAGE_BASE64_CHARS + 4)

/**
 * `data:import` carries a whole file as a JSON string: up to `MAX_IMPORT_BYTES`, and JSON escaping (every `"` and `\`
 * of a JSON file gains a backslash) at most doubles it. A file within the bound always gets through, so main's check
 * answers with the sentence about its size rather than this server with a bare 413.
 */
const MAX_IMPORT_BODY_BYTES = MAX_BODY_BYTES + 2 * MAX_IMPORT_BYTES

/** The largest body a channel's request may have. */
export const bodyLimitOf = (channel: Channel): number =>
  channel === 'chat:send' ? MAX_SEND_BODY_BYTES : channel === 'data:import' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES

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

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(text)
}

const sendText = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
  response.end(text)
}

const isRpcRequest = (request: IncomingMessage) => request.method === 'POST' && (request.url ?? '').startsWith('/rpc/')

/**
 * A refusal: RPC callers always get a `Result` body (the transport reads it whatever the status), pages get text. A
 * body not yet read never will be: the connection closes after the answer.
 */
const refuse = (
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
) => {
  if (!request.complete) closeAfterResponse(request, response)
  if (isRpcRequest(request)) sendJson(response, status, fail(code, message))
  else sendText(response, status, message)
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

  const handleRpc = async (request: IncomingMessage, response: ServerResponse, channel: string) => {
    // The custom header forces a CORS preflight, which this server never grants: no cross-site form can call us.
    if (request.headers['x-ollmchat'] !== '1')
      return refuse(request, response, 403, 'FORBIDDEN', 'Missing x-ollmchat header.')
    if (!isChannel(channel)) return refuse(request, response, 404, 'INVALID_INPUT', `Unknown request: ${channel}`)
    let text: string
    try {
      text = await readBoundedBody(request, bodyLimitOf(channel))
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error
      return refuse(request, response, 413, 'INVALID_INPUT', 'That request is too large.')
    }
    let input: unknown
    try {
      input = text.length === 0 ? {} : (JSON.parse(text) as unknown)
    } catch {
      return refuse(request, response, 400, 'INVALID_INPUT', 'That request was not valid JSON.')
    }
    sendJson(response, 200, await options.core.dispatch(channel, input))
  }

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
      return handleRpc(request, response, url.pathname.slice(5))
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
