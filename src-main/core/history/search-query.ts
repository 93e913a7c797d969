import { searchableWords } from '../../../src-shared/search'

const MAX_TERMS = 16
const MAX_TERM_LENGTH = 64

/**
 * The words of a query worth searching for (`searchableWords`, the rule the window applies before sending), at
 * most 16, each cut to 64 characters. Empty when there is none, e.g. only one-letter words.
 */
export function searchTerms(input: string): string[] {
  return searchableWords(input)
    .slice(0, MAX_TERMS)
    .map((word) => Array.from(word).slice(0, MAX_TERM_LENGTH).join(''))
}

/**
 * One word of a query as FTS5 matches it: either the typed prefix (`"foo"*`), or the indexed terms it is a prefix
 * of, each matched exactly (`("foo" OR "food")`), which FTS5 reads lazily and can stop reading at the page, where
 * a prefix without a prefix index makes it merge every such term's whole list of rows first.
 */
export type QueryWord = { prefix: string } | { terms: readonly string[] }

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`

function wordQuery(word: QueryWord): string {
  if ('prefix' in word) return `${quote(word.prefix)}*`
  const terms = word.terms.map(quote)
  return terms.length === 1 ? (terms[0] ?? '') : `(${terms.join(' OR ')})`
}

/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted prefix term (`"foo"* "bar"*`,
 * all required), so FTS5 syntax in the input (`"`, `AND(`, `NEAR`, `col:`) is searched for as text instead of
 * being parsed. Returns `null` when nothing searchable is left (too short, only punctuation).
 */
export function toMatchQuery(input: string): string | null {
  return matchQueries(searchTerms(input).map((prefix) => ({ prefix })))?.all ?? null
}

/** The FTS5 queries one search runs, all built from the same words. */
export interface MatchQueries {
  /** Every word, in the text or the title. */
  all: string
  /** Every word, and at least one of them in the message text: the rows that are hits in their own right. */
  inContent: string
  /** Every word in the title and none in the text: rows that match only through their conversation's title. */
  titleOnly: string
}

export function matchQueries(words: readonly QueryWord[]): MatchQueries | null {
  if (words.length === 0) return null
  const parts = words.map(wordQuery)
  const all = parts.join(' ')
  const any = parts.join(' OR ')
  return { all, inContent: `(${all}) AND content : (${any})`, titleOnly: `title : (${all}) NOT content : (${any})` }
}
