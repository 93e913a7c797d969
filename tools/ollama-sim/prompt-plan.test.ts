import { describe, expect, it } from 'vitest'
import { truncateHistory } from './history'
import { exceedContextError, keepHeadAndTail } from './prompt-plan'
import { promptTokens } from './tokens'

const msg = (role: string, chars: number, fill = 'x') => ({ role, content: fill.repeat(chars) })

describe('truncateHistory', () => {
  // system 5 + 2 tokens (8 letters: pieces of 6 and 2), then five messages of 5 + 14 tokens (80 letters): 102 in all.
  const history = [
    msg('system', 8),
    msg('user', 80, 'a'),
    msg('assistant', 80, 'b'),
    msg('user', 80, 'c'),
    msg('assistant', 80, 'd'),
    msg('user', 80, 'e'),
  ]

  it('drops from the front, keeping the system messages, until the prompt fits', () => {
    expect(promptTokens(history)).toBe(102)
    const kept = truncateHistory(history, 60, 'native')
    expect(kept.map((m) => m.content[0])).toEqual(['x', 'd', 'e'])
    expect(promptTokens(kept)).toBe(45)
    // 64 is exactly enough for the system message and the last three.
    expect(truncateHistory(history, 64, 'native').map((m) => m.content[0])).toEqual(['x', 'c', 'd', 'e'])
    expect(truncateHistory(history, 102, 'rendered')).toEqual(history)
  })

  it('keeps a system message found in the middle and always the last message', () => {
    const withMiddleSystem = [msg('user', 80, 'a'), msg('system', 8), msg('user', 400, 'z')]
    expect(truncateHistory(withMiddleSystem, 64, 'rendered').map((m) => m.content[0])).toEqual(['x', 'z'])
  })

  it('does not truncate on the native path when num_ctx is not positive; the rendered path keeps the last message', () => {
    expect(truncateHistory(history, 0, 'native')).toEqual(history)
    expect(truncateHistory(history, 0, 'rendered').map((m) => m.content[0])).toEqual(['x', 'e'])
  })
})

describe('keepHeadAndTail', () => {
  it('keeps the text of the kept pieces and drops messages left without any', () => {
    // system: 5 + 3 tokens; user: 5 + 40 pieces of 'a', '.', 30 pieces of 'b' — 84 tokens, of which the last 30
    // are exactly the b's.
    const messages = [msg('system', 17, 's'), { role: 'user', content: `${'a'.repeat(240)}.${'b'.repeat(180)}` }]
    expect(promptTokens(messages)).toBe(84)
    expect(keepHeadAndTail(messages, 0, 4, 30)).toEqual([{ role: 'user', content: 'b'.repeat(180) }])
    // One more token reaches back to the '.'.
    expect(keepHeadAndTail(messages, 0, 4, 31)).toEqual([{ role: 'user', content: `.${'b'.repeat(180)}` }])
  })

  it('keeps the start of a message when num_keep reaches into it', () => {
    // BOS, 5 template tokens, 'keep' ' this', 100 × ' middle', ' and' ' the' ' end'.
    const content = `keep this ${'middle '.repeat(100)}and the end`
    const seen = keepHeadAndTail([{ role: 'user', content }], 1, 1 + 5 + 2, 3)
    expect(seen).toEqual([{ role: 'user', content: 'keep this and the end' }])
  })
})

describe('exceedContextError', () => {
  it('is llama-server exceed_context_size_error body, byte for byte', () => {
    expect(exceedContextError(9412, 8192)).toBe(
      '{"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}',
    )
  })
})
