import type { IncomingMessage, ServerResponse } from 'node:http'
import { fail, type ErrorCode } from '../../src-shared/ipc/result'
import { closeAfterResponse } from './lingering-close'
import { SECURITY_HEADERS } from './static-files'

/** How the browser-mode server writes its own answers: JSON for RPC, plain text for pages, refusals for either. */

export const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(text)
}

export const sendText = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
  response.end(text)
}

const isRpcRequest = (request: IncomingMessage) => request.method === 'POST' && (request.url ?? '').startsWith('/rpc/')

/**
 * A refusal: RPC callers always get a `Result` body (the transport reads it whatever the status), pages get text. A
 * body not yet read never will be: the connection closes after the answer.
 */
export const refuse = (
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
