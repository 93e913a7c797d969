/** One row of docs/reliability.md, as `src-main/test-support/reliability-record.ts` writes it. */
export interface ReliabilityRecord {
  topic: string
  check: string
  cases: number
  failed: number
}

type Recorder = (record: ReliabilityRecord) => void

/**
 * Records a row checked by a renderer test. The renderer's code cannot write files (no Node modules in a web page),
 * so the renderer test project's setup file (`src-main/test-support/renderer-reliability-setup.ts`) lends it
 * main's recorder; call this after the test's assertions, as in main.
 */
export function recordReliability(record: ReliabilityRecord): void {
  const recorder = (globalThis as { recordReliability?: Recorder }).recordReliability
  if (!recorder) throw new Error('The renderer tests record reliability rows only under vitest.config.ts, whose setup file provides the recorder.')
  recorder(record)
}
