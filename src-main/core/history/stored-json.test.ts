import { describe, expect, it } from 'vitest'
import type { ContextReport } from '../../../src-shared/types'
import { contextToJson, errorToJson, noticeToJson, readContext, readError, readNotice } from './stored-json'

const report: ContextReport = {
  asked: 8192,
  source: 'custom',
  effective: 8192,
  promptTokens: 8001,
  replyTokens: 120,
  truncated: true,
  droppedMessages: 12,
  messageCut: false,
  lengthLimited: true,
  systemPromptChars: 12,
}

describe('stored JSON columns', () => {
  it('round-trips a context report, a notice and an error with its action', () => {
    expect(readContext(contextToJson(report))).toEqual(report)
    const notice = {
      kind: 'context-truncated' as const,
      model: 'llama3:latest',
      effective: 8192,
      droppedMessages: 12,
      raiseTo: 16384,
      raiseBlockedReason: null,
    }
    expect(readNotice(noticeToJson(notice))).toEqual(notice)
    const imagesNotSent = { kind: 'images-not-sent' as const, model: 'qwen3:8b', count: 2 }
    expect(readNotice(noticeToJson(imagesNotSent))).toEqual(imagesNotSent)
    const error = {
      code: 'PROMPT_TOO_LONG' as const,
      message: 'Too long.',
      detail: '{"error":{}}',
      action: { kind: 'set-num-ctx' as const, model: 'llama3:latest', numCtx: 16384, label: 'Use 16K' },
    }
    expect(readError(errorToJson(error))).toEqual(error)
  })

  it('reads damaged or foreign values as nothing, field by field', () => {
    expect(readContext('not json')).toBeNull()
    expect(readContext(JSON.stringify({ ...report, source: 'guess' }))).toBeNull()
    expect(
      readContext(JSON.stringify({ ...report, effective: -1, promptTokens: 'many', truncated: 'yes' })),
    ).toMatchObject({ effective: null, promptTokens: null, truncated: false })
    expect(readNotice(JSON.stringify({ kind: 'party' }))).toBeNull()
    expect(readNotice(JSON.stringify({ kind: 'continued-from', conversationId: 3 }))).toBeNull()
    expect(readNotice(JSON.stringify({ kind: 'images-not-sent', model: 'qwen3:8b', count: 0 }))).toBeNull()
    expect(
      readError(JSON.stringify({ code: 'PROMPT_TOO_LONG', message: 'x', action: { kind: 'run-script', label: 'x' } })),
    ).toEqual({ code: 'PROMPT_TOO_LONG', message: 'x' })
    // A stored link is checked again: only https pages of ollama.com survive.
    expect(
      readError(
        JSON.stringify({
          code: 'SIGN_IN_REQUIRED',
          message: 'x',
          action: { kind: 'open-link', url: 'https://evil.example/', label: 'x' },
        }),
      ),
    ).toEqual({ code: 'SIGN_IN_REQUIRED', message: 'x' })
  })

  it('reads an error code this version does not know as INTERNAL rather than passing it on', () => {
    expect(readError(JSON.stringify({ code: 'FROM_THE_FUTURE', message: 'x' }))).toEqual({
      code: 'INTERNAL',
      message: 'x',
    })
  })
})
