import { describe, expect, it } from 'vitest'
import { contentTokens, messageTokens, promptTokens, tokenizerAddsBos, tokenPieces } from './tokens'

describe('the simulated tokenizer', () => {
  it('cuts letters/digits into pieces of up to six, each other character alone, whitespace with the next piece', () => {
    expect(tokenPieces('Hello there, friend.')).toEqual(['Hello', ' there', ',', ' friend', '.'])
    expect(tokenPieces('photosynthesis')).toEqual(['photos', 'ynthes', 'is'])
    expect(tokenPieces('  indented\n')).toEqual(['  indent', 'ed', '\n'])
    expect(tokenPieces('a, b 2024!')).toEqual(['a', ',', ' b', ' 2024', '!'])
    expect(tokenPieces('')).toEqual([])
    expect(tokenPieces('   ')).toEqual(['   '])
  })

  it('counts code points, so letters with accents and emoji are never split', () => {
    expect(tokenPieces('naïve café 👍')).toEqual(['naïve', ' café', ' 👍'])
    expect(tokenPieces('e\u0301te\u0301')).toEqual(['e\u0301te\u0301'])
  })

  it('gives the text back when the pieces are joined, and counts what it cuts', () => {
    const text = 'Hello  world,\n\n```js\nx = 1\n```\n— done… ok?  '
    const pieces = tokenPieces(text)
    expect(pieces.join('')).toBe(text)
    expect(contentTokens(text)).toBe(pieces.length)
    expect(pieces.slice(0, 4)).toEqual(['Hello', '  world', ',', '\n\n`'])
  })

  it('is not four characters a token: dense letters count fewer, punctuation more', () => {
    expect(contentTokens('x'.repeat(80))).toBe(14)
    expect(contentTokens('a, b, c; d.')).toBe(8)
  })

  it('adds five template tokens a message', () => {
    expect(messageTokens({ role: 'user', content: 'hi' })).toBe(6)
    expect(messageTokens({ role: 'assistant', content: '' })).toBe(5)
    expect(
      promptTokens([
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'x'.repeat(80) },
      ]),
    ).toBe(7 + 19)
    expect(promptTokens([])).toBe(0)
  })

  it('adds a BOS token only for families whose GGUF tokenizer adds one', () => {
    expect(tokenizerAddsBos('llama')).toBe(true)
    expect(tokenizerAddsBos('gemma3')).toBe(true)
    expect(tokenizerAddsBos('deepseek2')).toBe(true)
    expect(tokenizerAddsBos('lfm2')).toBe(true)
    expect(tokenizerAddsBos('gptoss')).toBe(false)
    expect(tokenizerAddsBos('qwen3')).toBe(false)
  })
})
