/**
 * Counts turns of the event loop (check phases, one `setImmediate` each) from now until `stop`, calling `onTurn` at
 * each: how tests tell whether a long loop gives the event loop turns, without timing anything.
 */
export function countTurns(onTurn: () => void = () => {}): { now(): number; stop(): number } {
  let turns = 0
  let running = true
  const turn = () => {
    turns++
    onTurn()
    if (running) setImmediate(turn)
  }
  setImmediate(turn)
  return {
    now: () => turns,
    stop: () => {
      running = false
      return turns
    },
  }
}
