import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * One line of docs/reliability.md, written by the test that checked it: the report is produced by the tests
 * themselves (issue 12), so a count in it can only be a count some test really ran.
 */
export interface ReliabilityRecord {
  /** The table the row belongs to, e.g. "Hostile replies", "Faults from Ollama", "Kill loop", "Damaged files". */
  topic: string
  /** What was checked, as a sentence fragment a reader understands, e.g. "bullet list nested 1,000 deep". */
  check: string
  /** How many cases the test ran for this row. */
  cases: number
  /** How many of them failed (0 when the test passed). */
  failed: number
}

// import.meta.dirname, not new URL(…, import.meta.url): under jsdom (the renderer tests) URL is jsdom's own class.
const recordsDir = join(import.meta.dirname, '..', '..', 'reports', 'reliability')

/**
 * Appends one row to reports/reliability/<topic>.ndjson; `scripts/reliability-report.mjs` turns those files into
 * docs/reliability.md after `npm test`. Call it after the assertions that decide `failed`, or with the failures
 * counted, so a row never claims more than the test saw.
 */
export function recordReliability(record: ReliabilityRecord): void {
  mkdirSync(recordsDir, { recursive: true })
  const file = join(recordsDir, `${record.topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.ndjson`)
  appendFileSync(file, `${JSON.stringify(record)}\n`)
}
