import { describe, expect, it } from 'vitest'
import {
  changedOptions,
  checkConversationOptions,
  checkNumericOption,
  checkStopSequences,
  modelOwnOptions,
  numericRule,
  readConversationOptions,
  thinkControlFor,
  thinkFits,
  thinkFromStored,
  thinkToStored,
} from './conversation-options'

describe('option rules', () => {
  it("refuses fractions for Ollama's int options and accepts them for float32 ones", () => {
    expect(checkNumericOption(numericRule('top_k'), 1.5)).toBe('Top K must be a whole number from 0 to 1,000.')
    expect(checkNumericOption(numericRule('seed'), 42)).toBeNull()
    expect(checkNumericOption(numericRule('temperature'), 0.75)).toBeNull()
    expect(checkNumericOption(numericRule('repeat_penalty'), 1)).toBeNull()
  })

  it('refuses values outside the range, non-numbers and non-finite numbers with the same sentence', () => {
    const sentence = 'Temperature must be a number from 0 to 2.'
    for (const value of [-0.1, 2.01, '1', Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(checkNumericOption(numericRule('temperature'), value)).toBe(sentence)
    }
    expect(checkNumericOption(numericRule('num_predict'), -1)).toBeNull()
    expect(checkNumericOption(numericRule('num_predict'), -2)).toBe(
      'Longest reply (tokens) must be a whole number from -1 to 1,048,576.',
    )
  })

  it('checks stop sequences: texts, not empty, bounded in count and length', () => {
    expect(checkStopSequences(['\n\n', 'User:'])).toBeNull()
    expect(checkStopSequences('User:')).toBe('Stop sequences must be a list of texts.')
    expect(checkStopSequences([''])).toBe('A stop sequence cannot be empty.')
    expect(checkStopSequences(Array.from({ length: 9 }, (_, i) => `s${i}`))).toBe(
      'At most 8 stop sequences can be set.',
    )
    expect(checkStopSequences(['x'.repeat(201)])).toBe('A stop sequence can be at most 200 characters long.')
  })

  it('checks a whole options object, naming an unknown option', () => {
    expect(checkConversationOptions({ temperature: 0.5, stop: ['a'] })).toBeNull()
    expect(checkConversationOptions({ mirostat: 2 })).toBe('"mirostat" is not an option ollmchat sets.')
    expect(checkConversationOptions([])).toBe('Options must be an object.')
  })

  it('reads stored options entry by entry, dropping the damaged ones', () => {
    expect(readConversationOptions({ temperature: 9, top_p: 0.5, stop: 'x', seed: 3, other: 1 })).toEqual({
      top_p: 0.5,
      seed: 3,
    })
    expect(readConversationOptions('nonsense')).toEqual({})
  })
})

describe("the model's own values", () => {
  it("takes the model's parameters, else Ollama's DefaultOptions", () => {
    const own = modelOwnOptions({ temperature: 0.6, top_k: 20, stop: ['<|im_end|>'], num_ctx: 4096 })
    expect(own).toEqual({
      temperature: 0.6,
      top_p: 0.9,
      top_k: 20,
      seed: -1,
      num_predict: -1,
      repeat_penalty: 1,
      stop: ['<|im_end|>'],
    })
    expect(modelOwnOptions({}).stop).toEqual([])
  })

  it('keeps only what differs from them', () => {
    const own = modelOwnOptions({ temperature: 0.6, stop: ['a'] })
    expect(changedOptions({ temperature: 0.6, top_k: 10, stop: ['a'] }, own)).toEqual({ top_k: 10 })
    expect(changedOptions({ stop: ['a', 'b'] }, own)).toEqual({ stop: ['a', 'b'] })
  })
})

describe('thinking', () => {
  it('offers no control without the thinking capability, levels for gpt-oss, a switch otherwise', () => {
    expect(thinkControlFor({ capabilities: ['completion'], family: 'llama' })).toBe('none')
    expect(thinkControlFor({ capabilities: ['completion', 'thinking'], family: 'qwen3' })).toBe('switch')
    expect(thinkControlFor({ capabilities: ['completion', 'thinking'], family: 'gptoss' })).toBe('levels')
  })

  it('lets a choice through only as the control offers it: on/off for a switch, a level for levels, nothing for none', () => {
    expect([true, false, 'high'].map((think) => thinkFits(think as boolean | 'high', 'switch'))).toEqual([
      true,
      true,
      false,
    ])
    expect([true, false, 'low'].map((think) => thinkFits(think as boolean | 'low', 'levels'))).toEqual([
      false,
      false,
      true,
    ])
    expect([true, false, 'medium'].map((think) => thinkFits(think as boolean | 'medium', 'none'))).toEqual([
      false,
      false,
      false,
    ])
  })

  it('stores and reads back every choice, and reads unknown text as the default', () => {
    for (const value of [true, false, 'low', 'medium', 'high'] as const)
      expect(thinkFromStored(thinkToStored(value))).toBe(value)
    expect(thinkToStored(null)).toBeNull()
    expect(thinkFromStored('max')).toBeNull()
  })
})
