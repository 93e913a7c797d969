/**
 * A token count in short form for the context meter: `812`, `2.4K`, `16K`, `1.2M`. K is 1,024 tokens, as
 * context lengths are counted, so "2.4K of 8K" compares like with like.
 */
export function formatTokens(tokens: number): string {
  if (tokens < 1024) return tokens.toLocaleString('en-US')
  const [value, unit] = tokens < 1_048_576 ? [tokens / 1024, 'K'] : [tokens / 1_048_576, 'M']
  return `${Number(value.toFixed(value < 10 ? 1 : 0)).toLocaleString('en-US')}${unit}`
}

/** `1` → `1 message`, `3` → `3 messages`. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}
