import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { openHistoryStore } from '../src-main/core/history/history-store'
import { toMatchQuery } from '../src-main/core/history/search'
import { startStopwatch } from './lib/clock'
import { isMainModule, progress, roundsFor, runStandalone, type Benchmark, type BenchOptions } from './lib/cli'
import { compareInterleaved } from './lib/compare'
import { corpusWords, writeCorpus, type CorpusSize } from './lib/history-corpus'
import { comparisonRows, COMPARISON_HEADERS, printHeader, renderTable } from './lib/report'

const LIMIT = 20

interface Query {
  label: string
  text: string
}

function queriesFor(words: readonly string[]): Query[] {
  const word = (rank: number) => words[rank - 1] ?? 'word'
  return [
    { label: 'most common word', text: word(1) },
    { label: 'common word (rank 30)', text: word(30) },
    { label: 'rare word (rank 2,500)', text: word(2_500) },
    { label: 'two words, both required', text: `${word(10)} ${word(200)}` },
    { label: 'first letters of a word', text: word(50).slice(0, 4) },
    { label: 'a word that is nowhere', text: 'qwxyzzy' },
  ]
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * The baseline: what a history without a full-text index does. Every word must appear as a substring of the
 * message or its conversation's title (`LIKE '%word%'`, case-insensitive for ASCII), newest first, with a snippet
 * cut around the first word. SQLite has to read every message to answer.
 */
function likeSearch(db: Database.Database): (query: string) => unknown[] {
  const statements = new Map<number, Database.Statement>()
  const statementFor = (terms: number) => {
    const known = statements.get(terms)
    if (known !== undefined) return known
    const conditions = Array.from({ length: terms }, (_, i) => `(m.content LIKE @t${i} ESCAPE '\\' OR c.title LIKE @t${i} ESCAPE '\\')`)
    const statement = db.prepare(
      `SELECT m.id, m.conversation_id, c.title, m.role, m.created_at,
         substr(m.content, max(instr(lower(m.content), lower(@w0)) - 40, 1), 120) AS snippet
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE c.deleted_at IS NULL AND ${conditions.join(' AND ')}
       ORDER BY m.created_at DESC, m.pk DESC
       LIMIT ${LIMIT}`,
    )
    statements.set(terms, statement)
    return statement
  }
  return (query) => {
    const terms = query.split(/\s+/).filter((term) => term.length > 0)
    const params: Record<string, string> = { w0: terms[0] ?? '' }
    terms.forEach((term, i) => (params[`t${i}`] = `%${escapeLike(term)}%`))
    return statementFor(terms.length).all(params)
  }
}

/** Runs every query once with `search`; returns each query's milliseconds and records its hit count. */
function runQueries(queries: readonly Query[], search: (query: string) => unknown[], hits: number[]) {
  return async () => {
    const sample: Record<string, number> = {}
    queries.forEach((query, i) => {
      const start = performance.now()
      const found = search(query.text)
      sample[`q${i}`] = performance.now() - start
      hits[i] = found.length
    })
    return sample
  }
}

async function run(options: BenchOptions): Promise<void> {
  const size: CorpusSize = options.quick ? { conversations: 300, messagesPerConversation: 20 } : { conversations: 2_000, messagesPerConversation: 20 }
  const rounds = roundsFor(options, 20, 5)
  const queries = queriesFor(corpusWords())
  printHeader({
    title: 'Full-text search over the chat history',
    ours: `HistoryStore.search: FTS5 index (prefix match on every word, bm25 ranking, snippets), ${LIMIT} hits`,
    baseline: `LIKE '%word%' on every word over the same messages table (read-only better-sqlite3 on the same file), ${LIMIT} hits`,
    setup: [
      `generated history: ${size.conversations.toLocaleString('en')} conversations × ${size.messagesPerConversation} messages, Zipf word frequencies, one SQLite file`,
      `${rounds} rounds; a round runs every query once per side; the table shows per-query latency`,
    ],
  })
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-bench-search-'))
  const file = join(dir, 'history.sqlite')
  const store = openHistoryStore({ file })
  let db: Database.Database | undefined
  try {
    const stopwatch = startStopwatch()
    const stats = writeCorpus(store, size, (done) => progress(`generated ${done}/${size.conversations} conversations`))
    const megabytes = (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6
    process.stdout.write(
      `generated: ${stats.messages.toLocaleString('en')} messages, ${(stats.characters / 1e6).toFixed(1)} MB of text, ` +
        `file ${megabytes.toFixed(0)} MB, in ${(stopwatch.wallMs() / 1000).toFixed(1)} s\n\n`,
    )
    db = new Database(file, { readonly: true })
    const oursHits: number[] = []
    const baselineHits: number[] = []
    const comparison = await compareInterleaved({
      metrics: queries.map((_, i) => `q${i}`),
      rounds,
      warmupRounds: 2,
      ours: runQueries(queries, (query) => store.search(query, LIMIT), oursHits),
      baseline: runQueries(queries, likeSearch(db), baselineHits),
      onRound: (round) => progress(`round ${round}/${rounds}`),
    })
    const countMatches = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?')
    const specs = queries.map((query, i) => {
      const match = toMatchQuery(query.text)
      const matches = match === null ? 0 : (countMatches.get(match)?.n ?? 0)
      const ours = oursHits[i] ?? 0
      // LIKE '%w%' finds every message a prefix match finds (and more), so it can never return fewer hits.
      if (ours !== Math.min(matches, LIMIT) || (baselineHits[i] ?? 0) < ours) {
        throw new Error(`hits disagree for "${query.text}": ${matches} matches, ${ours} hits, baseline ${String(baselineHits[i])}`)
      }
      return { key: `q${i}`, label: `${query.label} "${query.text}", ${matches.toLocaleString('en')} matches (ms)` }
    })
    process.stdout.write(`${renderTable(COMPARISON_HEADERS, comparisonRows(comparison, specs))}\n`)
  } finally {
    db?.close()
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Per-query latency of the FTS5 history search against a LIKE scan of the same table. */
export const search: Benchmark = { name: 'search', run }

if (isMainModule(import.meta.url)) await runStandalone(search)
