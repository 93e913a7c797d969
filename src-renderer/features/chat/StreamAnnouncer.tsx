import { selectInflightFor } from '../../store/chat-slice'
import { useApp } from '../../store/store-context'

/**
 * Tells screen readers what the reply is doing ("Preparing…", "Replying…") without reading every token;
 * the visible status lives in the reply bubble.
 */
export function StreamAnnouncer() {
  const text = useApp((state) => {
    const turn = selectInflightFor(state.activeConversationId)(state)
    if (!turn) return ''
    if (turn.cancelRequested) return 'Stopping the reply…'
    if (turn.phase === 'streaming') return 'Replying…'
    return turn.progressText ?? 'Waiting for the model…'
  })
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {text}
    </div>
  )
}
