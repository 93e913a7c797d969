import { act, renderHook } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { useRunFilling } from './use-run-filling'

afterEach(() => vi.unstubAllGlobals())

/** requestIdleCallback under the test's control: what was asked for, and a way to grant an idle moment. */
function fakeIdle() {
  const requests: Array<{ callback: IdleRequestCallback; options: IdleRequestOptions | undefined }> = []
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback, options?: IdleRequestOptions) =>
    requests.push({ callback, options }),
  )
  vi.stubGlobal('cancelIdleCallback', (handle: number) => {
    const request = requests[handle - 1]
    if (request) request.callback = () => {}
  })
  return {
    requests,
    /** Runs the newest request as an idle moment with `remainingMs` left. */
    grant(remainingMs: number) {
      const request = requests.at(-1)
      act(() => request?.callback({ didTimeout: false, timeRemaining: () => remainingMs }))
    },
  }
}

it('fills runs only in idle moments, never forced by a timeout while the page is busy', () => {
  const idle = fakeIdle()
  const { result } = renderHook(() => useRunFilling(10, 'first-row'))
  expect(result.current, 'every run starts empty').toBe(10)
  expect(idle.requests.at(-1)?.options?.timeout, 'no deadline forces a step').toBeUndefined()
})

it('writes nothing when the idle moment is nearly over, and waits for the next one', () => {
  const idle = fakeIdle()
  const { result } = renderHook(() => useRunFilling(40, 'first-row'))
  const asked = idle.requests.length

  idle.grant(0.5)
  expect(result.current, 'no run written in half a millisecond').toBe(40)
  expect(idle.requests.length, 'the next idle moment is asked for').toBe(asked + 1)

  idle.grant(50)
  expect(result.current, 'a whole idle moment writes runs').toBeLessThan(40)
  expect(result.current, 'but no more than fit in half of it, at 1 ms a run at least').toBeGreaterThanOrEqual(40 - 25)
})

it('goes on a run per idle moment when runs cost more than half of a whole moment (a slow machine)', () => {
  const idle = fakeIdle()
  // Every read of the clock is 400 ms after the one before: the first step (12 runs at the assumed 2 ms) is measured
  // at 33 ms a run, more than the 25 ms share of a whole moment.
  let clock = 0
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += 400))
  const { result } = renderHook(() => useRunFilling(20, 'first-row'))
  idle.grant(50)
  expect(result.current).toBe(8)
  for (let moment = 0; moment < 8; moment += 1) idle.grant(50)
  expect(result.current, 'every run written, one per moment').toBe(0)
  vi.restoreAllMocks()
})
