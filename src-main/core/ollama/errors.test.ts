import { describe, expect, it } from 'vitest'
import type { OllamaEdgeError } from './errors'
import {
  CancelledError,
  InvalidNumCtxError,
  MalformedResponseError,
  ModelNotFoundError,
  NotApplicableError,
  OllamaHttpError,
  OllamaStreamError,
  OllamaUnreachableError,
  StreamInterruptedError,
} from './errors'
import { toOllamaError } from './classify-error'

const host = 'http://127.0.0.1:11434'

/** What ollama-js throws for non-2xx answers (its class is not exported, so tests build the same shape). */
function responseError(message: string, status: number): Error {
  const error = new Error(message) as Error & { error: string; status_code: number }
  error.name = 'ResponseError'
  error.error = message
  error.status_code = status
  return error
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause })
}

const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code })

describe('toOllamaError', () => {
  it('keeps typed errors as they are', () => {
    const typed = new OllamaHttpError(500, 'x')
    expect(toOllamaError(typed, { host })).toBe(typed)
  })

  it("shows the sentence inside llama-server's JSON error body instead of the JSON", () => {
    const relayed = toOllamaError(responseError('{"error":{"code":500,"message":"failed to decode batch"}}', 500), {
      host,
      model: 'x',
    })
    expect(relayed).toMatchObject({ code: 'OLLAMA_ERROR', ollamaMessage: 'failed to decode batch' })
    expect(toOllamaError(responseError('{"not":"llama"}', 500), { host })).toMatchObject({
      ollamaMessage: '{"not":"llama"}',
    })
  })

  it('maps ResponseError by status: 404 about a model → ModelNotFoundError, else OllamaHttpError', () => {
    const notFound = toOllamaError(responseError("model 'x' not found", 404), { host, model: 'x' })
    expect(notFound).toBeInstanceOf(ModelNotFoundError)
    expect(notFound).toMatchObject({ code: 'MODEL_NOT_FOUND', model: 'x', ollamaMessage: "model 'x' not found" })
    const noModel = toOllamaError(responseError('404 page not found', 404), { host })
    expect(noModel).toBeInstanceOf(OllamaHttpError)
    const server = toOllamaError(responseError('server busy, please try again.', 503), { host })
    expect(server).toBeInstanceOf(OllamaHttpError)
    expect(server).toMatchObject({ code: 'OLLAMA_ERROR', status: 503, ollamaMessage: 'server busy, please try again.' })
    expect(server.message).toContain('server busy')
  })

  it.each([
    'ECONNREFUSED',
    'ENOTFOUND',
    'ECONNRESET',
    'EHOSTUNREACH',
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_SOCKET',
  ])('maps fetch failed with cause %s to OllamaUnreachableError', (code) => {
    const error = toOllamaError(fetchFailed(withCode(code)), { host })
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(error).toMatchObject({ code: 'OLLAMA_UNREACHABLE', host, reason: code })
  })

  it('reads the code inside an AggregateError (happy eyeballs) and a bad port', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all failed')
    expect(toOllamaError(fetchFailed(aggregate), { host })).toMatchObject({ reason: 'ECONNREFUSED' })
    expect(toOllamaError(fetchFailed(new Error('bad port')), { host })).toMatchObject({
      code: 'OLLAMA_UNREACHABLE',
      reason: expect.stringMatching(/bad port/) as unknown,
    })
    expect(toOllamaError(fetchFailed(undefined), { host })).toBeInstanceOf(OllamaUnreachableError)
  })

  // A stream without its final line is the client's own StreamInterruptedError now (client.test.ts, client-pull.test.ts).
  it('maps a cut-off body to StreamInterruptedError', () => {
    expect(toOllamaError(new TypeError('terminated', { cause: withCode('UND_ERR_SOCKET') }), { host })).toBeInstanceOf(
      StreamInterruptedError,
    )
  })

  it('maps aborts to CancelledError and timeouts to unreachable', () => {
    expect(toOllamaError(new DOMException('This operation was aborted', 'AbortError'), { host })).toBeInstanceOf(
      CancelledError,
    )
    expect(toOllamaError(new DOMException('The operation timed out.', 'TimeoutError'), { host })).toBeInstanceOf(
      OllamaUnreachableError,
    )
  })

  it('maps JSON and schema failures to MalformedResponseError', () => {
    expect(toOllamaError(new SyntaxError('Unexpected token'), { host })).toBeInstanceOf(MalformedResponseError)
    expect(toOllamaError(Object.assign(new Error('bad'), { name: 'ZodError' }), { host })).toBeInstanceOf(
      MalformedResponseError,
    )
  })

  // An error line is read by the stream reader itself now (ndjson.test.ts), never relayed as a plain Error.
  it('leaves other errors alone', () => {
    const bug = new RangeError('oops')
    expect(toOllamaError(bug, { host })).toBe(bug)
    const plain = new Error('something else')
    expect(toOllamaError(plain, { host })).toBe(plain)
    const wrapped = toOllamaError('a string', { host })
    expect(wrapped).toBeInstanceOf(Error)
    expect(wrapped.message).toBe('a string')
  })
})

describe('typed errors', () => {
  it('carry a code, a sentence and their fields', () => {
    const cases: [OllamaEdgeError, string][] = [
      [new OllamaUnreachableError(host, 'ECONNREFUSED'), 'OLLAMA_UNREACHABLE'],
      [new ModelNotFoundError('llama3'), 'MODEL_NOT_FOUND'],
      [new OllamaHttpError(500, 'boom'), 'OLLAMA_ERROR'],
      [new OllamaStreamError('boom'), 'OLLAMA_STREAM_ERROR'],
      [new StreamInterruptedError('dropped'), 'STREAM_INTERRUPTED'],
      [new MalformedResponseError('not JSON'), 'MALFORMED_RESPONSE'],
      [new CancelledError(), 'CANCELLED'],
      [new NotApplicableError('cloud'), 'NOT_APPLICABLE'],
      [new InvalidNumCtxError('too small', 3), 'INVALID_NUM_CTX'],
    ]
    for (const [error, code] of cases) {
      expect(error).toBeInstanceOf(Error)
      expect(error.code).toBe(code)
      expect(error.message.length).toBeGreaterThan(0)
      expect(error.name).not.toBe('Error')
    }
    expect(new OllamaUnreachableError(host, 'ECONNREFUSED').message).toContain(host)
    expect(new ModelNotFoundError('llama3').message).toContain('llama3')
    expect(new OllamaHttpError(500, 'boom').detail).toBe('boom')
    expect(new ModelNotFoundError('x').detail).toBeUndefined()
  })
})
