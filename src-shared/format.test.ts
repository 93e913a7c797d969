import { describe, expect, it } from 'vitest'
import { aContext, formatMegabytes, withArticle } from './format'

describe('a or an before a number', () => {
  it('reads the number aloud: an eight, an eleven, an eighteen, an eighty; a for the rest', () => {
    expect(['8K', '11K', '18K', '80K', '8,000', '11,000', '18,500', '8M'].map((label) => withArticle(label))).toEqual([
      'an 8K',
      'an 11K',
      'an 18K',
      'an 80K',
      'an 8,000',
      'an 11,000',
      'an 18,500',
      'an 8M',
    ])
    expect(['2K', '4K', '16K', '110K', '128K', '1M', '5,000', '1K'].map((label) => withArticle(label))).toEqual([
      'a 2K',
      'a 4K',
      'a 16K',
      'a 110K',
      'a 128K',
      'a 1M',
      'a 5,000',
      'a 1K',
    ])
  })

  it('capitalises at the start of a sentence', () => {
    expect(withArticle('8K', { capital: true })).toBe('An 8K')
    expect(aContext(16_384, { capital: true })).toBe('A 16K context')
    expect(aContext(8192)).toBe('an 8K context')
  })
})

describe('formatMegabytes', () => {
  it('gives whole megabytes, rounded up so a size just over a limit never reads as the limit', () => {
    expect(formatMegabytes(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatMegabytes(200 * 1024 * 1024 + 1)).toBe('201 MB')
    expect(formatMegabytes(1024 * 1024 * 1024)).toBe('1,024 MB')
  })
})
