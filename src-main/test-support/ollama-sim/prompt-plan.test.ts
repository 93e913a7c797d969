import { describe, expect, it } from 'vitest'
import { truncateHistory } from './history'
import { exceedContextError, keepHeadAndTail } from './prompt-plan'
import { promptTokens } from './tokens'

const msg = (role: string, chars: number, fill = 'x') => ({ role, content: fill.repeat(chars) })

describe('truncateHistory', () => {
  // system 6 tokens, then five messages of 24 tokens: 126 in all.
  const history = [msg('system', 8), msg('user', 80, 'a'), msg('assistant', 80, 'b'), msg('user', 80, 'c'), msg('assistant', 80, 'd'), msg('user', 80, 'e')]

  it('drops from the front, keeping the system messages, until the prompt fits', () => {
    const kept = truncateHistory(history, 64, 'native')
    expect(kept.map((m) => m.content[0])).toEqual(['x', 'd', 'e'])
    expect(promptTokens(kept)).toBe(54)
    expect(truncateHistory(history, 126, 'rendered')).toEqual(history)
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
  it('keeps the characters of the kept tokens and drops messages left without any', () => {
    const messages = [msg('system', 17, 's'), { role: 'user', content: `${'a'.repeat(280)}${'b'.repeat(120)}` }]
    expect(keepHeadAndTail(messages, 0, 4, 30)).toEqual([{ role: 'user', content: 'b'.repeat(120) }])
  })

  it('keeps the start of a message when num_keep reaches into it', () => {
    const seen = keepHeadAndTail([{ role: 'user', content: `${'h'.repeat(8)}${'m'.repeat(392)}${'t'.repeat(8)}` }], 1, 1 + 4 + 2, 2)
    expect(seen).toEqual([{ role: 'user', content: 'hhhhhhhhtttttttt' }])
  })
})

describe('exceedContextError', () => {
  it('is llama-server exceed_context_size_error body, byte for byte', () => {
    expect(exceedContextError(9412, 8192)).toBe(
      '{"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}',
    )
  })
})
