import { describe, expect, it } from 'vitest'
import { makeConversation, makeModel } from '../test-support/fixtures'
import { effectiveContext } from './context-label'
import { groupByDate } from './date-groups'
import { errorDetail, errorText } from './error-text'
import { isTempModelName } from './model-names'

describe('effectiveContext', () => {
  it('prefers the custom value, then the model’s own, then "auto"', () => {
    expect(effectiveContext(makeModel({ name: 'a', customNumCtx: 16384, modelNumCtx: 8192 })).label).toBe(
      '16K · custom',
    )
    expect(effectiveContext(makeModel({ name: 'a', modelNumCtx: 8192 })).label).toBe('8K')
    expect(effectiveContext(makeModel({ name: 'a' })).label).toBe('auto')
  })

  it('ignores a custom value on a cloud model', () => {
    expect(effectiveContext(makeModel({ name: 'a', customNumCtx: 16384, isCloud: true })).source).toBe('ollama-default')
  })
})

describe('isTempModelName', () => {
  it.each([
    ['ollmchat-temp/llama3:latest', true],
    ['  OllmChat-Temp/x', true],
    ['Registry.Ollama.AI/ollmchat-temp/x:latest', true],
    // Pulled from another registry, not made by ollmchat: main lists it, so the picker shows it too.
    ['example.com/ollmchat-temp/x:1', false],
    ['llama3:latest', false],
    ['my-ollmchat-temp/x', false],
  ])('%j → %s', (name, expected) => {
    expect(isTempModelName(name)).toBe(expected)
  })
})

describe('errorText', () => {
  it('uses the app’s sentence for Ollama failures and keeps Ollama’s text as the detail', () => {
    const error = { code: 'OLLAMA_ERROR' as const, message: 'x', detail: 'model requires more system memory' }
    expect(errorText(error)).toBe('Ollama answered with an error.')
    expect(errorDetail(error)).toBe('model requires more system memory')
  })

  it('uses main’s specific sentence for validation failures', () => {
    const error = { code: 'INVALID_NUM_CTX' as const, message: 'The context length must be at least 512 tokens.' }
    expect(errorText(error)).toBe('The context length must be at least 512 tokens.')
    expect(errorDetail(error)).toBeNull()
  })

  it('shows the browser-mode transport sentence when the server is gone', () => {
    const message = 'The ollmchat server is not answering. Is it still running?'
    expect(errorText({ code: 'INTERNAL', message })).toBe(message)
  })

  it.each(['BUSY', 'NOT_FOUND'] as const)('shows main’s own sentence for %s, once', (code) => {
    const error = { code, message: 'That message can no longer be edited.' }
    expect(errorText(error)).toBe('That message can no longer be edited.')
    expect(errorDetail(error)).toBeNull()
  })

  it('never repeats the message under the sentence that replaced it', () => {
    const error = { code: 'OLLAMA_UNREACHABLE' as const, message: 'Nothing answered at http://127.0.0.1:11434.' }
    expect(errorText(error)).toContain('Ollama is not answering.')
    expect(errorDetail(error)).toBeNull()
  })

  it('falls back to a generic sentence for an unknown code', () => {
    expect(errorText({ code: 'NEW_CODE' as never, message: '' })).toBe('Something went wrong inside ollmchat.')
  })
})

describe('groupByDate', () => {
  it('groups newest first under Today, Yesterday, Previous 7 days and Older', () => {
    const now = new Date(2026, 7, 10, 15, 0)
    const at = (days: number) => new Date(2026, 7, 10 - days, 9, 0).toISOString()
    const groups = groupByDate(
      [
        makeConversation({ id: 'a', updatedAt: at(0) }),
        makeConversation({ id: 'b', updatedAt: at(1) }),
        makeConversation({ id: 'c', updatedAt: at(3) }),
        makeConversation({ id: 'd', updatedAt: at(30) }),
      ],
      now,
    )
    expect(groups.map((group) => [group.label, group.conversations.map((c) => c.id)])).toEqual([
      ['Today', ['a']],
      ['Yesterday', ['b']],
      ['Previous 7 days', ['c']],
      ['Older', ['d']],
    ])
  })
})
