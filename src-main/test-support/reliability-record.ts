// The Vitest side of docs/reliability.md: a test says what it checks when it starts, and its row is written when it
// ends, with its result, so a failing test shows as failed in the report instead of leaving its row out.
import { onTestFinished } from 'vitest'
import type { ReliabilityCheck } from '../../src-shared/reliability-record'
import { writeReliabilityRow, type TestOutcome } from './reliability-rows'

/** Vitest's task states at `onTestFinished` ('pass', 'fail', or 'skip' after `context.skip()`). */
const OUTCOMES: Record<string, TestOutcome> = { pass: 'passed', fail: 'failed', skip: 'skipped' }

/**
 * Declares a row of docs/reliability.md for the running test; call it at the start of the test, before anything
 * that can fail, and the row is written once the test has passed, failed or skipped itself. Throws outside a test.
 */
export function recordReliability(declared: ReliabilityCheck): void {
  onTestFinished(({ task }) => {
    // Each attempt of a retried test writes its row, so a check that failed before passing still shows its failure.
    writeReliabilityRow(declared, OUTCOMES[task.result?.state ?? 'fail'] ?? 'failed')
  })
}
