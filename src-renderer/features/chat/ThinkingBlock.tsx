import { Brain } from 'lucide-react'
import { useState } from 'react'
import { Markdown } from '../../lib/markdown/Markdown'
import type { ThinkingTime } from '../../store/chat-slice'
import { useElapsedSeconds } from './use-elapsed'

function seconds(count: number): string {
  return count === 1 ? '1 second' : `${count} seconds`
}

/**
 * A reasoning model's thoughts, folded; the summary says how long it thought (when this window saw it). The
 * thoughts are rendered only while unfolded, so a long think streaming behind a closed summary costs nothing.
 */
export function ThinkingBlock({
  thinking,
  time,
  thinkingNow,
}: {
  thinking: string
  time: ThinkingTime | undefined
  /** The model is still thinking (streaming, no answer text yet). */
  thinkingNow: boolean
}) {
  const [open, setOpen] = useState(false)
  const elapsed = useElapsedSeconds(time?.startedAt ?? null, thinkingNow)
  let summary: string
  if (thinkingNow) summary = time ? `Thinking… ${seconds(elapsed)}` : 'Thinking…'
  else if (time?.endedAt != null)
    summary = `Thought for ${seconds(Math.max(1, Math.round((time.endedAt - time.startedAt) / 1000)))}`
  else summary = 'Thought process'
  return (
    <details className="thinking" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <Brain size={14} aria-hidden />
        <span>{summary}</span>
      </summary>
      {open && (
        <div className="thinking__body">
          <Markdown text={thinking} streaming={thinkingNow} />
        </div>
      )}
    </details>
  )
}
