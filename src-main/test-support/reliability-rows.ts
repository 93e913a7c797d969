// Writes the rows of docs/reliability.md, for every test framework: the Vitest helper (reliability-record.ts) and the
// Playwright fixture (e2e/fixtures/reliability.ts) each only translate their test's result into a `TestOutcome`.
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ReliabilityCheck, ReliabilityRecord } from '../../src-shared/reliability-record'

/** How the test that declared a check ended. */
export type TestOutcome = 'passed' | 'failed' | 'skipped'

// import.meta.dirname, not new URL(…, import.meta.url): under jsdom (the renderer tests) URL is jsdom's own class.
// The variable lets the helpers' own tests write their deliberate failures elsewhere, never into the real report.
const recordsDir =
  process.env['OLLMCHAT_RELIABILITY_RECORDS'] ?? join(import.meta.dirname, '..', '..', 'reports', 'reliability')

/** The row a finished test writes: a failed test fails all its cases, a skipped one skips them all. */
export function reliabilityRow(declared: ReliabilityCheck, outcome: TestOutcome): ReliabilityRecord {
  const { topic, check, cases } = declared
  return { topic, check, cases, failed: outcome === 'failed' ? cases : 0, skipped: outcome === 'skipped' ? cases : 0 }
}

/**
 * Appends the row to reports/reliability/<topic>.ndjson; `scripts/reliability-report.mjs` turns those files into
 * docs/reliability.md after `npm test`.
 */
export function writeReliabilityRow(declared: ReliabilityCheck, outcome: TestOutcome): void {
  const row = reliabilityRow(declared, outcome)
  mkdirSync(recordsDir, { recursive: true })
  const file = join(recordsDir, `${row.topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.ndjson`)
  appendFileSync(file, `${JSON.stringify(row)}\n`)
}
