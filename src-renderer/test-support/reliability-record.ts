import type { ReliabilityCheck } from '../../src-shared/reliability-record'

type Recorder = (declared: ReliabilityCheck) => void

/**
 * Declares a row of docs/reliability.md for the running renderer test, as main's `recordReliability` does: call it
 * at the start of the test, and the row is written with the test's result once it ends. The renderer's code cannot
 * write files (no Node modules in a web page), so the renderer test project's setup file
 * (`src-main/test-support/renderer-reliability-setup.ts`) lends it main's recorder.
 */
export function recordReliability(declared: ReliabilityCheck): void {
  const recorder = (globalThis as { recordReliability?: Recorder }).recordReliability
  if (!recorder)
    throw new Error(
      'The renderer tests record reliability rows only under vitest.config.ts, whose setup file provides the recorder.',
    )
  recorder(declared)
}
