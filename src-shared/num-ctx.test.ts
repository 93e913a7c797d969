import { describe, expect, it } from 'vitest'
import { MAX_NUM_CTX } from './limits'
import { fitsTrainedContext, parseNumCtx } from './num-ctx'

const messageOf = (value: unknown, bounds?: Parameters<typeof parseNumCtx>[1]) => {
  const parsed = parseNumCtx(value, bounds)
  return parsed.ok ? `accepted ${parsed.value}` : parsed.message
}

describe('parseNumCtx', () => {
  it('accepts a whole number of tokens within the bounds as it is', () => {
    expect(parseNumCtx(4096)).toEqual({ ok: true, value: 4096 })
    expect(parseNumCtx(512)).toEqual({ ok: true, value: 512 })
    expect(parseNumCtx(MAX_NUM_CTX)).toEqual({ ok: true, value: MAX_NUM_CTX })
    expect(parseNumCtx(8192, { trainedContext: 8192 })).toEqual({ ok: true, value: 8192 })
  })

  it('refuses what is not a whole number of tokens, with a sentence', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '4096', null, undefined]) {
      expect(messageOf(bad)).toBe('The context length must be a number of tokens.')
    }
    expect(messageOf(4096.5)).toBe('The context length must be a whole number.')
    expect(messageOf(1.5)).toBe('The context length must be a whole number.')
  })

  it('refuses values under the floor: 512, or 2,048 for a vision model', () => {
    for (const bad of [0, -1, 3, 511]) expect(messageOf(bad)).toBe('The context length must be at least 512 tokens.')
    expect(messageOf(1024, { minimum: 2048 })).toBe(
      'The context length must be at least 2,048 tokens: Ollama runs vision models with at least that much.',
    )
  })

  it('refuses values over the trained length, or over 2^20 when it is unknown', () => {
    expect(messageOf(16384, { trainedContext: 8192 })).toBe(
      'The context length can be at most 8,192 tokens, the longest context this model was trained for.',
    )
    expect(messageOf(MAX_NUM_CTX + 1)).toBe('The context length can be at most 1,048,576 tokens.')
    expect(messageOf(2_000_000, { trainedContext: 4_000_000 })).toBe(
      'The context length can be at most 1,048,576 tokens.',
    )
    expect(messageOf(4096, { trainedContext: 0 })).toBe('accepted 4096')
  })
})

describe('fitsTrainedContext', () => {
  it('gives the sentence parseNumCtx gives for a value over the trained length, or over 2^20 when it is unknown', () => {
    for (const [value, trained] of [
      [16384, 8192],
      [MAX_NUM_CTX + 1, null],
      [2_000_000, 4_000_000],
    ] as const) {
      const parsed = parseNumCtx(value, { trainedContext: trained })
      expect(parsed.ok).toBe(false)
      expect(fitsTrainedContext(value, trained)).toEqual({ ok: false, message: parsed.ok ? '' : parsed.message })
    }
    expect(fitsTrainedContext(8192, 8192)).toEqual({ ok: true })
    expect(fitsTrainedContext(4096, 0)).toEqual({ ok: true })
  })

  it('judges only the trained length: the floor was the parser’s, applied for the model where the value was read', () => {
    // 1,024 is under a vision model's floor and 100 under every floor; neither is this check's to refuse again.
    expect(fitsTrainedContext(1024, 8192)).toEqual({ ok: true })
    expect(fitsTrainedContext(100, undefined)).toEqual({ ok: true })
  })
})

describe('what a NumCtx rules out for every layer after the parser', () => {
  // These layers once checked again what they were given; now they take a NumCtx, which only this parser makes.
  it('refuses the values the temporary-model manager refused before any request', () => {
    for (const bad of [100, 4096.5, Number.NaN, 2_000_000]) expect(parseNumCtx(bad).ok, String(bad)).toBe(false)
  })

  it('refuses the values temporary-model naming and the settings service refused as not positive whole numbers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '4096'])
      expect(parseNumCtx(bad).ok, String(bad)).toBe(false)
  })
})
