import type { HistoryDatabase } from './database'
import type { QueryWord } from './search-query'

/** A prefix shared by more indexed terms than this stays a prefix query: a long OR costs more than it saves. */
export const MAX_EXPANDED_TERMS = 32

const SEARCH_TABLE = 'message_search'

/** What the search index was created with, read from its own definition so that no second copy can drift. */
export interface IndexOptions {
  /** The `tokenize` argument as written in the schema (still SQL-quoted), or FTS5's default. */
  tokenize: string
  /** The prefix index lengths, in characters. */
  prefixLengths: number[]
}

/** Reads the `tokenize` and `prefix` options from a `CREATE VIRTUAL TABLE … USING fts5(…)` statement. */
export function indexOptions(createSql: string): IndexOptions {
  const tokenize = /\btokenize\s*=\s*'((?:[^']|'')*)'/i.exec(createSql)?.[1] ?? 'unicode61'
  const prefix = /\bprefix\s*=\s*'([^']*)'/i.exec(createSql)?.[1] ?? ''
  return {
    tokenize,
    prefixLengths: prefix
      .split(/\s+/)
      .filter((n) => n !== '')
      .map(Number),
  }
}

/**
 * The smallest string greater than every string that starts with `prefix`, in the index's order (UTF-8 bytes,
 * which is code point order): `prefix` with its last code point raised by one. `undefined` when there is none.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (character) => character.codePointAt(0) ?? 0)
  while (points.length > 0) {
    const last = (points.pop() ?? 0) + 1
    if (last > 0x10ffff) continue
    // Surrogate code points never appear in valid text: skip past them.
    points.push(last >= 0xd800 && last <= 0xdfff ? 0xe000 : last)
    return String.fromCodePoint(...points)
  }
  return undefined
}

/**
 * Decides how each word of a query is matched (see `QueryWord`). A word is looked up in the index's vocabulary
 * when it is one token longer than every prefix index (a prefix index already makes its prefix query lazy) and
 * is replaced by the terms it starts, up to `MAX_EXPANDED_TERMS`. Returns `null` when some word starts no
 * indexed term at all: then nothing can match. The word is cut into tokens by a scratch FTS5 table with the
 * index's own tokenizer, so case, diacritics and punctuation are treated exactly as the index treats them.
 * Uses temporary tables only, so it works on a read-only connection.
 */
export function createWordExpander(db: HistoryDatabase): (words: readonly string[]) => QueryWord[] | null {
  const definition = db
    .prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(SEARCH_TABLE)
  if (definition === undefined) throw new Error(`The search index ${SEARCH_TABLE} is missing from the chat history.`)
  const { tokenize, prefixLengths } = indexOptions(definition.sql)
  const longestPrefixIndex = Math.max(0, ...prefixLengths)
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, ${SEARCH_TABLE}, row);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words USING fts5(word, tokenize = '${tokenize}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_word_tokens USING fts5vocab(temp, search_words, instance);
  `)
  const clearWords = db.prepare('DELETE FROM temp.search_words')
  const addWord = db.prepare<[number, string]>('INSERT INTO temp.search_words (rowid, word) VALUES (?, ?)')
  const tokens = db.prepare<[], { doc: number; term: string }>(
    'SELECT doc, term FROM temp.search_word_tokens ORDER BY doc, offset',
  )
  const termsFrom = db
    .prepare<[{ low: string; high: string; cap: number }], string>(
      'SELECT term FROM temp.search_vocabulary WHERE term >= @low AND term < @high LIMIT @cap',
    )
    .pluck()

  const tokensOf = (words: readonly string[]): string[][] => {
    clearWords.run()
    words.forEach((word, index) => addWord.run(index, word))
    const byWord: string[][] = words.map(() => [])
    for (const { doc, term } of tokens.all()) byWord[doc]?.push(term)
    clearWords.run()
    return byWord
  }

  return (words) => {
    const tokenized = tokensOf(words)
    const expanded: QueryWord[] = []
    for (const [index, word] of words.entries()) {
      const wordTokens = tokenized[index] ?? []
      const only = wordTokens.length === 1 ? wordTokens[0] : undefined
      const high = only === undefined ? undefined : prefixUpperBound(only)
      if (only === undefined || high === undefined || Array.from(only).length <= longestPrefixIndex) {
        expanded.push({ prefix: word })
        continue
      }
      const terms = termsFrom.all({ low: only, high, cap: MAX_EXPANDED_TERMS + 1 })
      if (terms.length === 0) return null
      expanded.push(terms.length > MAX_EXPANDED_TERMS ? { prefix: word } : { terms })
    }
    return expanded
  }
}
