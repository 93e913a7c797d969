import { expect } from 'vitest'
import { AppFailure } from '../../app-failure'

/** Asserts that `run` throws an `AppFailure` with this code (the store's refusals carry one the window maps). */
export function expectAppFailure(run: () => unknown, code: string): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe(code)
    return
  }
  expect.unreachable('expected an AppFailure')
}
