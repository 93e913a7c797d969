import { ArrowDown } from 'lucide-react'

/**
 * Shown while the reader is away from the bottom of the conversation (scrolled up, or at a searched message):
 * back to the newest message, and from there the list follows a streaming reply again. It floats at the bottom
 * of the messages without taking room in them.
 */
export function JumpToLatest({ onJump }: { onJump: () => void }) {
  return (
    <div className="jump-latest">
      <button type="button" className="button jump-latest__button" onClick={onJump}>
        <ArrowDown size={14} aria-hidden />
        Jump to latest
      </button>
    </div>
  )
}
