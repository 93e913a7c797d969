/** A clock for tests that moves one second forward on every reading, so each write gets a distinct time. */
export function createSteppingClock(start = '2025-03-01T10:00:00.000Z'): { now: () => Date; peek: () => Date } {
  let time = Date.parse(start)
  return {
    now: () => {
      time += 1000
      return new Date(time)
    },
    peek: () => new Date(time),
  }
}
