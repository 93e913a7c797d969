/** Deterministic text for benchmarks: the same seed gives the same words on every machine and every run. */

/** A small, fast, seedable PRNG (mulberry32): uniform floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'pl']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou']
const CODAS = ['', '', 'n', 'r', 's', 'l', 'm']

/**
 * `size` distinct pronounceable words, ordered by intended frequency (index 0 is the most common). Words are
 * two to four syllables long and never shorter than four letters, so a rare word is not a substring of most
 * common ones.
 */
export function vocabulary(size: number, seed = 7): string[] {
  const random = seededRandom(seed)
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)] ?? ''
  const words = new Set<string>()
  while (words.size < size) {
    const syllables = 2 + Math.floor(random() * 3)
    let word = ''
    for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(VOWELS) + (s === syllables - 1 ? pick(CODAS) : '')
    if (word.length >= 4) words.add(word)
  }
  return [...words]
}

/**
 * Draws word indexes with a Zipf(1) distribution, like word use in real text: index 0 about twice as often
 * as index 1, ten times as often as index 9.
 */
export function zipfSampler(size: number, random: () => number): () => number {
  const cumulative: number[] = []
  let total = 0
  for (let rank = 1; rank <= size; rank++) {
    total += 1 / rank
    cumulative.push(total)
  }
  return () => {
    const target = random() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((cumulative[middle] ?? total) < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** A long reply of exactly `tokens` whitespace-separated words, so the simulator streams exactly that many tokens. */
export function longReply(tokens: number, seed = 11): string {
  const words = vocabulary(2_000, seed)
  const next = zipfSampler(words.length, seededRandom(seed))
  const out: string[] = []
  for (let i = 0; i < tokens; i++) out.push(words[next()] ?? 'word')
  return out.join(' ')
}
