import type { IncomingMessage } from 'node:http'

/** A request body over its limit: the server answers 413 and closes the connection rather than read the rest. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`)
  }
}

/** True when the request announces (`Content-Length`) a body over `limit`: it can be refused before a byte is read. */
export function announcesTooLarge(request: IncomingMessage, limit: number): boolean {
  const length = request.headers['content-length']
  return length !== undefined && Number(length) > limit
}

/**
 * Reads the whole body as text, failing with `BodyTooLargeError` as soon as more than `limit` bytes have arrived (a
 * chunked body announces no length), so no more than `limit` plus one chunk is ever held. On failure the request is
 * left paused, not destroyed: the caller still answers on its socket, then closes it (`closeAfterResponse` in lingering-close.ts).
 */
export function readBoundedBody(request: IncomingMessage, limit: number): Promise<string> {
  if (announcesTooLarge(request, limit)) return Promise.reject(new BodyTooLargeError(limit))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      stop()
      request.pause()
      reject(new BodyTooLargeError(limit))
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onError)
  })
}
