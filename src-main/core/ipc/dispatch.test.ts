import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../src-shared/ipc/contract'
import { AppFailure } from '../app-failure'
import { createMemoryLogger } from '../log'
import { createDispatcher, type Handlers } from './dispatch'
import { inputSchemas } from './input-schemas'

const unimplemented = () => Promise.reject(new Error('not part of this test'))
const baseHandlers = Object.fromEntries(CHANNELS.map((channel) => [channel, unimplemented])) as unknown as Handlers

describe('createDispatcher', () => {
  it('has an input schema for every channel of the contract and nothing else', () => {
    expect(Object.keys(inputSchemas).sort()).toEqual([...CHANNELS].sort())
  })

  it('refuses invalid input before the handler runs, naming the field', async () => {
    let called = false
    const log = createMemoryLogger()
    const dispatch = createDispatcher(
      {
        ...baseHandlers,
        'chat:send': async () => {
          called = true
          throw new Error('unreachable')
        },
      },
      log,
    )
    const result = await dispatch('chat:send', { requestId: 'r1', conversationId: 'c1', text: '   ' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('text is empty') as string },
    })
    expect(called).toBe(false)
  })

  it('refuses unknown fields, wrong types and hostile ids', async () => {
    const dispatch = createDispatcher(baseHandlers, createMemoryLogger())
    const extra = await dispatch('conversations:get', { conversationId: 'abc', sql: 'DROP TABLE' })
    const wrongType = await dispatch('models:setNumCtx', { model: 'llama3', numCtx: '4096' })
    const hostileId = await dispatch('conversations:get', { conversationId: '../../etc/passwd' })
    for (const result of [extra, wrongType, hostileId]) {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT')
    }
  })

  it('passes the parsed input to the handler and wraps its value', async () => {
    const dispatch = createDispatcher(
      {
        ...baseHandlers,
        'chat:cancel': async (target) => ({ cancelled: 'requestId' in target && target.requestId === 'r-1' }),
      },
      createMemoryLogger(),
    )
    expect(await dispatch('chat:cancel', { requestId: 'r-1' })).toEqual({ ok: true, value: { cancelled: true } })
  })

  it('maps expected failures to their code and bugs to INTERNAL without a stack', async () => {
    const log = createMemoryLogger()
    const dispatch = createDispatcher(
      {
        ...baseHandlers,
        'conversations:get': async () => {
          throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
        },
        'conversations:list': async () => {
          throw new TypeError('boom')
        },
      },
      log,
    )
    expect(await dispatch('conversations:get', { conversationId: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That conversation no longer exists.' },
    })
    const bug = await dispatch('conversations:list', {})
    expect(bug.ok).toBe(false)
    if (!bug.ok) {
      expect(bug.error.code).toBe('INTERNAL')
      expect(JSON.stringify(bug.error)).not.toContain('boom')
    }
    expect(log.lines.some((line) => line.level === 'error' && JSON.stringify(line.fields).includes('boom'))).toBe(true)
  })

  it('keeps Ollama edge errors with their code and Ollama text', async () => {
    class FakeOllamaError extends Error {
      readonly code = 'OLLAMA_ERROR' as const
      readonly ollamaMessage = 'option "num_ctx" must be of type integer'
      // Every edge error also puts Ollama's text in `detail`, which is what the mapping reads.
      readonly detail = this.ollamaMessage
    }
    const dispatch = createDispatcher(
      {
        ...baseHandlers,
        'models:list': async () => {
          throw new FakeOllamaError('Ollama answered with an error.')
        },
      },
      createMemoryLogger(),
    )
    expect(await dispatch('models:list', {})).toEqual({
      ok: false,
      error: {
        code: 'OLLAMA_ERROR',
        message: 'Ollama answered with an error.',
        detail: 'option "num_ctx" must be of type integer',
      },
    })
  })

  it('answers an unknown channel name with INVALID_INPUT instead of throwing', async () => {
    const dispatch = createDispatcher(baseHandlers, createMemoryLogger())
    const result = await dispatch('nope:nothing' as 'conversations:list', {})
    expect(result.ok).toBe(false)
  })
})
