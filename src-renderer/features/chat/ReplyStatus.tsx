import { CircleStop, RotateCcw } from 'lucide-react'
import type { ChatMessage } from '../../../src-shared/types'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { InflightTurn } from '../../store/chat-slice'
import { ProgressLine } from './ProgressLine'

/**
 * Whether the status line itself offers Retry (a failed or interrupted reply): the reply's actions then leave out
 * their Regenerate button, so a failed reply has one retry action, beside the error it answers.
 */
export const statusOffersRetry = (message: ChatMessage): boolean =>
  message.status === 'error' || message.status === 'interrupted'

/**
 * The line under a reply that says how it stands: what it waits for while streaming, "Stopped" when
 * cancelled, the error (with Retry) when Ollama failed, or that the app closed mid-reply.
 */
export function ReplyStatus({
  message,
  turn,
  onRetry,
}: {
  message: ChatMessage
  turn: InflightTurn | undefined
  onRetry: (() => void) | undefined
}) {
  const retry = onRetry && (
    <button type="button" className="button" onClick={onRetry}>
      <RotateCcw size={14} aria-hidden />
      Retry
    </button>
  )
  switch (message.status) {
    case 'streaming':
      if (turn?.cancelRequested) return <ProgressLine text="Stopping…" />
      // Under text already there, only a stall is said ("Still waiting for Ollama (2 min)…"); the next text clears it.
      if ((message.content !== '' || message.thinking !== '') && turn?.phase !== 'waiting-for-model') return null
      return <ProgressLine text={turn?.progressText ?? 'Waiting for the model…'} />
    case 'cancelled':
      return (
        <p className="reply-tag">
          <CircleStop size={13} aria-hidden />
          Stopped
        </p>
      )
    case 'error':
      return message.error ? (
        <ErrorNotice error={message.error}>{retry}</ErrorNotice>
      ) : (
        <ErrorNotice error={{ code: 'INTERNAL', message: '' }}>{retry}</ErrorNotice>
      )
    case 'interrupted':
      return (
        <div className="reply-interrupted">
          <p>ollmchat closed before this reply was finished.</p>
          {retry}
        </div>
      )
    case 'complete':
      return message.content === '' && message.thinking === '' ? <p className="reply-tag">Empty reply</p> : null
  }
}
