import type { HistoryStore } from '../../src-main/core/history/history-store'
import { seededRandom, vocabulary, zipfSampler } from './text'

/** Size of a generated history. */
export interface CorpusSize {
  conversations: number
  messagesPerConversation: number
}

/** What was written, for the benchmark's setup line. */
export interface CorpusStats {
  messages: number
  characters: number
}

const VOCABULARY_SIZE = 3_000

/** The generated vocabulary, most frequent first: benchmarks pick query words from it by rank. */
export const corpusWords = (): string[] => vocabulary(VOCABULARY_SIZE)

/** The stem of `stemFamily()`: four letters, so no prefix index (two and three characters) serves it. */
export const FAMILY_STEM = 'inte'
const FAMILY_SIZE = 80
/** Share of messages that carry one word of the family. */
const FAMILY_SHARE = 0.3

/**
 * Words sharing one stem, like "interest", "internal", "interval" in English: more of them than search expands a
 * prefix into (`MAX_EXPANDED_TERMS`), so typing the stem takes search's path for a crowded prefix.
 */
export const stemFamily = (): string[] =>
  Array.from(
    { length: FAMILY_SIZE },
    (_, i) => `${FAMILY_STEM}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}r`,
  )

/**
 * Fills `store` through its public API (one transaction per message, as the app writes) with conversations of
 * alternating user and assistant messages: short questions, longer answers, words drawn with Zipf frequencies
 * from `corpusWords()`, so some words are everywhere and most are rare, and in some a word of `stemFamily()`.
 * Deterministic for a given size.
 */
export function writeCorpus(
  store: HistoryStore,
  size: CorpusSize,
  onProgress?: (conversations: number) => void,
): CorpusStats {
  const words = corpusWords()
  const random = seededRandom(2024)
  const nextWord = zipfSampler(words.length, random)
  const sentence = (min: number, max: number) => {
    const count = min + Math.floor(random() * (max - min + 1))
    const out: string[] = []
    for (let i = 0; i < count; i++) out.push(words[nextWord()] ?? 'word')
    return out.join(' ')
  }
  // A stream of its own, so the family leaves the rest of the text as it was without it.
  const familyRandom = seededRandom(77)
  const family = stemFamily()
  const nextFamilyWord = zipfSampler(family.length, familyRandom)
  const withFamily = (text: string) =>
    familyRandom() < FAMILY_SHARE ? `${text} ${family[nextFamilyWord()] ?? FAMILY_STEM}` : text
  const stats: CorpusStats = { messages: 0, characters: 0 }
  for (let c = 0; c < size.conversations; c++) {
    const conversation = store.createConversation({ model: 'llama3', title: sentence(2, 5) })
    for (let m = 0; m < size.messagesPerConversation; m++) {
      const user = m % 2 === 0
      const content = withFamily(user ? sentence(6, 30) : sentence(40, 220))
      store.appendMessage({
        conversationId: conversation.id,
        role: user ? 'user' : 'assistant',
        content,
        status: 'complete',
      })
      stats.messages++
      stats.characters += content.length
    }
    if ((c + 1) % 250 === 0) onProgress?.(c + 1)
  }
  return stats
}
