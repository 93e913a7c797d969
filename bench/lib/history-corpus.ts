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

/**
 * Fills `store` through its public API (one transaction per message, as the app writes) with conversations of
 * alternating user and assistant messages: short questions, longer answers, words drawn with Zipf frequencies
 * from `corpusWords()`, so some words are everywhere and most are rare. Deterministic for a given size.
 */
export function writeCorpus(store: HistoryStore, size: CorpusSize, onProgress?: (conversations: number) => void): CorpusStats {
  const words = corpusWords()
  const random = seededRandom(2024)
  const nextWord = zipfSampler(words.length, random)
  const sentence = (min: number, max: number) => {
    const count = min + Math.floor(random() * (max - min + 1))
    const out: string[] = []
    for (let i = 0; i < count; i++) out.push(words[nextWord()] ?? 'word')
    return out.join(' ')
  }
  const stats: CorpusStats = { messages: 0, characters: 0 }
  for (let c = 0; c < size.conversations; c++) {
    const conversation = store.createConversation({ model: 'llama3', title: sentence(2, 5) })
    for (let m = 0; m < size.messagesPerConversation; m++) {
      const user = m % 2 === 0
      const content = user ? sentence(6, 30) : sentence(40, 220)
      store.appendMessage({ conversationId: conversation.id, role: user ? 'user' : 'assistant', content, status: 'complete' })
      stats.messages++
      stats.characters += content.length
    }
    if ((c + 1) % 250 === 0) onProgress?.(c + 1)
  }
  return stats
}
