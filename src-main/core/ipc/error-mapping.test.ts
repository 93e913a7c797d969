import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../src-shared/ipc/result'
import { AppFailure } from '../app-failure'
import { createMemoryLogger } from '../log'
import { ModelNotFoundError, OllamaHttpError, StreamInterruptedError } from '../ollama/errors'
import { toOllamaError } from '../ollama/classify-error'
import { toAppError } from './error-mapping'

const coded = (code: string, message = 'An expected failure.') => Object.assign(new Error(message), { code })

describe('toAppError', () => {
  it('keeps every listed code but INTERNAL, with the message', () => {
    const log = createMemoryLogger()
    for (const code of ERROR_CODES.filter((candidate) => candidate !== 'INTERNAL')) {
      expect(toAppError(coded(code), log, 'test')).toEqual({ code, message: 'An expected failure.' })
    }
    expect(log.lines).toEqual([])
  })

  it('treats an unlisted code, or one claiming INTERNAL, as a bug: logged, reported without its message', () => {
    const log = createMemoryLogger()
    for (const code of ['NOT_A_CODE', 'INTERNAL']) {
      expect(toAppError(coded(code, 'secret internals'), log, 'test')).toEqual({
        code: 'INTERNAL',
        message: 'Something went wrong inside ollmchat. The details are in its log.',
      })
    }
    expect(log.lines.map((line) => line.fields?.['error'])).toEqual(['secret internals', 'secret internals'])
  })

  it('adds detail only when it says more than the message', () => {
    const log = createMemoryLogger()
    expect(toAppError(new AppFailure('BUSY', 'Busy.'), log, 'test')).toEqual({ code: 'BUSY', message: 'Busy.' })
    expect(toAppError(new AppFailure('NOT_FOUND', 'Gone.', 'it was deleted'), log, 'test')).toEqual({
      code: 'NOT_FOUND',
      message: 'Gone.',
      detail: 'it was deleted',
    })
    expect(toAppError(new AppFailure('NOT_FOUND', 'Gone.', 'Gone.'), log, 'test')).toEqual({
      code: 'NOT_FOUND',
      message: 'Gone.',
    })
    expect(toAppError(new ModelNotFoundError('x'), log, 'test')).toEqual({
      code: 'MODEL_NOT_FOUND',
      message: 'The model "x" is not installed in Ollama.',
    })
    expect(toAppError(new OllamaHttpError(500, 'boom'), log, 'test')).toMatchObject({
      code: 'OLLAMA_ERROR',
      detail: 'boom',
    })
  })
})

describe('transport codes never reach the screen', () => {
  const host = 'http://127.0.0.1:11434'
  const fetchFailed = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code }) })

  it.each([
    ['UND_ERR_SOCKET', 'The connection was closed by the other side.'],
    ['ECONNREFUSED', 'Nothing accepted the connection at that address.'],
    ['UND_ERR_HEADERS_TIMEOUT', 'Ollama took too long to start answering.'],
    ['UND_ERR_SOMETHING_NEW', 'The connection to Ollama failed.'],
  ])('a socket failure (%s) becomes a sentence', (code, sentence) => {
    const error = toAppError(toOllamaError(fetchFailed(code), { host }), createMemoryLogger(), 'test')
    expect(error).toEqual({
      code: 'OLLAMA_UNREACHABLE',
      message: `Ollama is not answering at ${host}. Is it running?`,
      detail: sentence,
    })
    expect(JSON.stringify(error)).not.toMatch(/UND_ERR|ECONN/)
  })

  it('leaves Ollama’s own words alone', () => {
    expect(toAppError(new OllamaHttpError(500, 'no space left on device'), createMemoryLogger(), 'test')).toMatchObject(
      { detail: 'no space left on device' },
    )
  })
})

describe('a dropped stream', () => {
  it('says what its transport code means and keeps the code for the log', () => {
    const error = new StreamInterruptedError('UND_ERR_SOCKET')
    expect(error.reason).toBe('UND_ERR_SOCKET')
    expect(toAppError(error, createMemoryLogger(), 'test')).toMatchObject({
      code: 'STREAM_INTERRUPTED',
      detail: 'The connection was closed by the other side.',
    })
  })
})

describe('an unexpected failure', () => {
  it('names the log file the details went to', () => {
    const log = { ...createMemoryLogger(), file: '/home/me/.config/ollmchat/logs/ollmchat.log' }
    expect(toAppError(new Error('boom'), log, 'test')).toEqual({
      code: 'INTERNAL',
      message:
        'Something went wrong inside ollmchat. The details are in its log: /home/me/.config/ollmchat/logs/ollmchat.log.',
    })
  })
})
