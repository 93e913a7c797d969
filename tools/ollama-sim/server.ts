import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { delay, readBody, sendError, sendText } from './http'
import type { Exchange } from './http'
import { failedHeaders, recordedHeaders, sendProxyUnauthorized } from './proxy-auth'
import { isAllowedOrigin, ROUTES } from './router'
import type { SimState } from './state'
import type { RecordedRequest } from './types'

/** Hooks the server reports to (request log). */
export interface ServerHooks {
  record(request: RecordedRequest): void
  log(line: string): void
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function applyCors(req: IncomingMessage, res: ServerResponse): 'continue' | 'done' {
  const origin = req.headers.origin
  if (origin === undefined) return 'continue'
  if (!isAllowedOrigin(origin)) {
    res.writeHead(403).end()
    return 'done'
  }
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization,Content-Type,User-Agent,Accept,X-Requested-With',
      'Access-Control-Max-Age': '43200',
    })
    res.end()
    return 'done'
  }
  return 'continue'
}

const drainedOrClosed = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const settle = () => {
      res.off('drain', settle)
      res.off('close', settle)
      resolve()
    }
    res.on('drain', settle)
    res.on('close', settle)
  })

/** Writes the start of one NDJSON line of `bytes` bytes with no newline, as fast as the client reads it. */
async function sendHugeLine(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let sent = res.write('{"message":{"role":"assistant","content":"')
  for (let written = 0; written < bytes && !res.destroyed; written += chunk.length) {
    if (!sent) await drainedOrClosed(res)
    if (res.destroyed) break
    sent = res.write(chunk)
  }
  res.end()
}

async function handle(state: SimState, hooks: ServerHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.on('error', () => {})
  const started = Date.now()
  const method = req.method ?? 'GET'
  const path = new URL(req.url ?? '/', 'http://sim').pathname
  let aborted = false
  // Header values never reach the log (they may be credentials); at most the names the proxy refused.
  let note = ''
  res.on('close', () => {
    aborted = !res.writableFinished
    hooks.log(
      `${res.statusCode} | ${String(Date.now() - started).padStart(5)}ms | ${method.padEnd(6)} ${path}${note}${aborted ? ' (client gone)' : ''}`,
    )
  })
  const bodyText = await readBody(req)
  hooks.record({ method, path, headers: recordedHeaders(req.headers), body: parseBody(bodyText), at: state.now() })
  const refused = failedHeaders(state.requiredHeaders, req.headers)
  if (refused.length > 0) {
    note = ` (proxy: no or wrong ${refused.join(', ')})`
    return sendProxyUnauthorized(res, state.requiredHeaders)
  }
  if (applyCors(req, res) === 'done') return
  if (state.faults.latencyMs > 0) await delay(state.faults.latencyMs)
  const fault = state.faults.takePreRoute(path)
  if (fault?.kind === 'drop-connection') {
    // Transport fault: the socket goes away with no response, as a keep-alive connection the peer closed does.
    note = ' (fault: connection dropped)'
    req.socket.destroy()
    return
  }
  if (fault?.kind === 'stall') return
  if (fault?.kind === 'fail') return sendError(res, fault.status, fault.message)
  if (fault?.kind === 'huge-line') {
    note = ' (fault: one huge line)'
    return sendHugeLine(res, fault.bytes)
  }
  if (fault?.kind === 'malformed') {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
    res.end(fault.body)
    return
  }
  const route = ROUTES[path]
  if (route === undefined) return sendText(res, 404, '404 page not found')
  const handler = route[method]
  if (handler === undefined) return sendText(res, 405, '405 method not allowed')
  const exchange: Exchange = { req, res, method, path, bodyText, aborted: () => aborted }
  await handler(state, exchange)
}

/** The HTTP server with the ability to stop and resume listening on the same port (faults.down/up). */
export class SimServer {
  private readonly server: Server
  private listening = false
  private boundPort = 0

  constructor(
    private readonly state: SimState,
    private readonly hooks: ServerHooks,
    private readonly host: string,
  ) {
    this.server = createServer((req, res) => {
      handle(this.state, this.hooks, req, res).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, error instanceof Error ? error.message : String(error))
        else res.destroy()
      })
    })
  }

  get port(): number {
    return this.boundPort
  }

  /** Binds `port` (0 = ephemeral the first time; later calls reuse the bound port). */
  async listen(port: number): Promise<void> {
    if (this.listening) return
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error)
      this.server.once('error', onError)
      this.server.listen(this.boundPort || port, this.host, () => {
        this.server.off('error', onError)
        resolve()
      })
    })
    const address = this.server.address()
    if (address !== null && typeof address === 'object') this.boundPort = address.port
    this.listening = true
  }

  /** Stops accepting and drops every open connection, so clients see resets now and ECONNREFUSED next. */
  async stop(): Promise<void> {
    if (!this.listening) return
    this.listening = false
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }
}
