import { describe, expect, it } from 'vitest'
import { contentTokens, messageTokens, promptTokens, tokenizerAddsBos } from './tokens'

describe('the simulated tokenizer', () => {
  it('counts content at four characters a token, rounded up, plus four template tokens a message', () => {
    expect(contentTokens('')).toBe(0)
    expect(contentTokens('abcd')).toBe(1)
    expect(contentTokens('abcde')).toBe(2)
    expect(messageTokens({ role: 'user', content: 'hi' })).toBe(5)
    expect(messageTokens({ role: 'assistant', content: '' })).toBe(4)
    expect(promptTokens([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'x'.repeat(80) }])).toBe(6 + 24)
    expect(promptTokens([])).toBe(0)
  })

  it('adds a BOS token only for families whose GGUF tokenizer adds one', () => {
    expect(tokenizerAddsBos('llama')).toBe(true)
    expect(tokenizerAddsBos('gemma3')).toBe(true)
    expect(tokenizerAddsBos('deepseek2')).toBe(true)
    expect(tokenizerAddsBos('gptoss')).toBe(false)
    expect(tokenizerAddsBos('qwen3')).toBe(false)
  })
})
