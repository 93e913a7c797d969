import type { IncomingMessage, ServerResponse } from 'node:http'

/** One HTTP exchange as the route handlers see it. */
export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  method: string
  path: string
  bodyText: string
  /** True once the client went away before the response was complete. */
  aborted(): boolean
}

/** Reads the whole request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Resolves when the client goes away before the response is complete (Go: the request context is cancelled);
 * never when the response finishes normally.
 */
export function whenClientLeaves(ex: Exchange): Promise<void> {
  return new Promise((resolve) => {
    if (ex.aborted()) return resolve()
    ex.res.once('close', () => {
      if (!ex.res.writableFinished) resolve()
    })
  })
}

/** Resolves after `ms`; with 0 it still yields to the event loop so socket events (client aborts) get seen. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)))
}

function writable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded
}

/** `c.JSON(status, value)`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (!writable(res)) return
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

/** Ollama's error shape: `{"error":"…"}`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message })
}

/** A plain-text body (`Ollama is running`, `404 page not found`). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  if (!writable(res)) return
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** 200 with an empty body (delete, copy). */
export function sendEmpty(res: ServerResponse): void {
  if (!writable(res)) return
  res.writeHead(200, { 'Content-Length': 0 })
  res.end()
}

/** An NDJSON response whose status and headers go out with the first line, as Ollama's `streamResponse`. */
export class NdjsonStream {
  private started = false

  constructor(private readonly res: ServerResponse) {}

  /** True once a line (and so the 200 status) has been written. */
  get hasStarted(): boolean {
    return this.started
  }

  write(value: unknown): void {
    if (!writable(this.res)) return
    if (!this.started) {
      this.res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
      this.started = true
    }
    this.res.write(`${JSON.stringify(value)}\n`)
  }

  end(): void {
    if (!writable(this.res)) return
    if (!this.started) this.res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
    this.res.end()
  }
}

/**
 * Progress output of create/pull: NDJSON lines when streaming; when not, nothing until the end and then one
 * object. Errors follow Ollama: before any line a real status, after one a 200 stream ending in an error line.
 */
export class StatusStream {
  private readonly ndjson: NdjsonStream

  constructor(
    private readonly res: ServerResponse,
    private readonly streaming: boolean,
  ) {
    this.ndjson = new NdjsonStream(res)
  }

  line(value: Record<string, unknown>): void {
    if (this.streaming) this.ndjson.write(value)
  }

  fail(status: number, message: string): void {
    if (this.streaming && this.ndjson.hasStarted) {
      this.ndjson.write({ error: message })
      this.ndjson.end()
    } else {
      sendError(this.res, status, message)
    }
  }

  /** Streams end after the last line; a non-streamed request gets `final` (the last success object). */
  finish(final: Record<string, unknown> = { status: 'success' }): void {
    if (this.streaming) this.ndjson.end()
    else sendJson(this.res, 200, final)
  }
}
