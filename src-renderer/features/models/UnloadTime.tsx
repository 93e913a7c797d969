import { unloadTimeText } from '../../lib/memory-text'
import { useClock } from '../../lib/use-clock'

/** Its words change by the minute at most, so a minute's tick keeps them current. */
const UNLOAD_TICK_MS = 60_000

/**
 * The end of the loaded line: " — unloads in 4 min". It keeps its own clock, so the tick redraws this text alone, not
 * the card or the page. Give it `key={unloadsAt}`: a new time (the model used again) then starts from a fresh reading
 * of the clock instead of one up to a minute old.
 */
export function UnloadTime({ unloadsAt }: { unloadsAt: string }) {
  const now = useClock(UNLOAD_TICK_MS)
  const text = unloadTimeText(unloadsAt, now)
  if (text === null) return null
  return <span className="memory-line__unload"> — {text}</span>
}
