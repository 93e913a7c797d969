import { CornerUpLeft, Info } from 'lucide-react'
import type { ChatMessage, NoticeInfo } from '../../../src-shared/types'
import { useApp } from '../../store/store-context'
import { TruncationActions } from './TruncationActions'

/**
 * The app speaking in the conversation. The text is plain (never Markdown: it may quote a model's name or a
 * title). A notice that the start was dropped offers its fixes (only the latest one, so the actions appear
 * once); one that starts a continued chat links back to where it came from.
 */
export function NoticeMessage({
  message,
  highlighted,
  offersActions,
}: {
  message: ChatMessage
  highlighted: boolean
  /** This is the conversation's latest truncation notice, the one that offers the fixes. */
  offersActions: boolean
}) {
  const notice = message.notice
  return (
    <li
      className={`msg msg--notice${notice?.kind === 'continued-from' ? ' msg--notice-summary' : ''}${highlighted ? ' msg--highlighted' : ''}`}
      data-message-id={message.id}
    >
      <p className="notice__text">
        <Info size={14} aria-hidden />
        <span>{message.content}</span>
      </p>
      {notice?.kind === 'context-truncated' && offersActions && (
        <TruncationActions notice={notice} conversationId={message.conversationId} />
      )}
      {notice?.kind === 'continued-from' && <ContinuedFrom notice={notice} />}
    </li>
  )
}

function ContinuedFrom({ notice }: { notice: Extract<NoticeInfo, { kind: 'continued-from' }> }) {
  const openConversation = useApp((state) => state.openConversation)
  return (
    <button type="button" className="button button--ghost" onClick={() => void openConversation(notice.conversationId)}>
      <CornerUpLeft size={14} aria-hidden />
      Continued from “{notice.title}”
    </button>
  )
}
