import { httpStatusError } from './classify-error'
import { MalformedResponseError } from './errors'
import { readErrorMessage, type FetchFn } from './http'
import { readNdjson } from './ndjson'

/** One streamed call: where it goes, what it sends, and how each line is read. */
export interface StreamRequest<T> {
  /** `${host}/api/chat` or `${host}/api/pull`. */
  url: string
  /** The JSON body, `stream: true` included. */
  body: object
  /** The model the call is about: a 404 names it, limit errors read it. */
  model: string
  /** The one schema check of a parsed line (`./wire`). */
  readLine: (value: unknown) => T
  signal: AbortSignal
  /** The host's extra headers; the two set here win over any of the same name. */
  headers: Record<string, string>
}

/**
 * Sends a streamed POST straight through `fetch` (the client's undici pools) and yields its lines as `readNdjson`
 * reads them. An error status before the stream is thrown as the typed error for it (`httpStatusError`), as for the
 * JSON calls; a 200 without a body is `MalformedResponseError`. The headers are those of Ollama's own client for a
 * stream (`api/client.go` `Client.stream`).
 */
export async function* streamLines<T>(fetch: FetchFn, request: StreamRequest<T>): AsyncGenerator<T> {
  const own = { 'Content-Type': 'application/json', Accept: 'application/x-ndjson' }
  const extra = Object.entries(request.headers).filter(([name]) => !/^(content-type|accept)$/i.test(name))
  const headers = { ...Object.fromEntries(extra), ...own }
  const response = await fetch(request.url, {
    method: 'POST',
    body: JSON.stringify(request.body),
    signal: request.signal,
    headers,
  })
  if (!response.ok) throw httpStatusError(response.status, await readErrorMessage(response), request.model)
  if (response.body === null) throw new MalformedResponseError('no body')
  yield* readNdjson(response.body, request.readLine)
}
