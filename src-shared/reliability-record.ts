// The shape of a row of docs/reliability.md, written once for the three places that handle it: main's and the
// renderer's test helpers, and scripts/reliability-report.mjs (through a JSDoc `@import`). Types only: the app never
// imports this file, so it ships nothing. It lives in src-shared because the renderer may import nothing else.

/** What a test says it checks, given when it starts; the row is written when it ends, with its result. */
export interface ReliabilityCheck {
  /** The table the row belongs to, e.g. "Hostile replies", "Faults from Ollama", "Kill loop", "Damaged files". */
  topic: string
  /** What was checked, as a sentence fragment a reader understands, e.g. "bullet list nested 1,000 deep". */
  check: string
  /** How many cases the test runs for this row. */
  cases: number
}

/**
 * One line of reports/reliability/<topic>.ndjson, written by the test that checked it: the report is produced by the
 * tests themselves (issue 12), so a count in it can only be a count some test really ran.
 */
export interface ReliabilityRecord extends ReliabilityCheck {
  /** How many of the cases failed: all of them when the test failed, since a test fails as a whole. */
  failed: number
  /** How many were skipped: all of them when the test skipped itself (`context.skip()`, `test.skip()`). */
  skipped: number
}
