import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../src-shared/ipc/result'
import { AppFailure } from '../app-failure'
import { createMemoryLogger } from '../log'
import { ModelNotFoundError, OllamaHttpError } from '../ollama/errors'
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
    expect(toAppError(new AppFailure('NOT_FOUND', 'Gone.', 'it was deleted'), log, 'test')).toEqual({ code: 'NOT_FOUND', message: 'Gone.', detail: 'it was deleted' })
    expect(toAppError(new AppFailure('NOT_FOUND', 'Gone.', 'Gone.'), log, 'test')).toEqual({ code: 'NOT_FOUND', message: 'Gone.' })
    expect(toAppError(new ModelNotFoundError('x'), log, 'test')).toEqual({ code: 'MODEL_NOT_FOUND', message: 'The model "x" is not installed in Ollama.' })
    expect(toAppError(new OllamaHttpError(500, 'boom'), log, 'test')).toMatchObject({ code: 'OLLAMA_ERROR', detail: 'boom' })
  })
})
