import { Fragment, useEffect, useMemo } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { selectInflightFor } from '../../store/chat-slice'
import { useActiveMessagesOutline } from '../../store/messages-outline'
import { selectActiveMessages } from '../../store/messages-slice'
import { useApp } from '../../store/store-context'
import { listLandmarks } from './list-landmarks'
import { MessageItem } from './MessageItem'
import { PendingTurn } from './PendingTurn'
import { useStickToBottom } from './use-stick-to-bottom'
import { shortModelName } from '../../../src-shared/format'

const HIGHLIGHT_MS = 2600

/** The messages of the open conversation; follows a streaming reply and scrolls to a searched message. */
export function MessageList({ conversationId }: { conversationId: string }) {
  const messages = useApp(selectActiveMessages)
  const outline = useActiveMessagesOutline()
  const status = useApp((state) => state.messagesStatus[conversationId])
  const loadError = useApp((state) => state.messagesError[conversationId] ?? null)
  const turn = useApp(selectInflightFor(conversationId))
  const highlightId = useApp((state) => state.highlightMessageId)
  const clearHighlight = useApp((state) => state.clearHighlight)
  const reload = useApp((state) => state.loadMessages)
  const { ref, onScroll } = useStickToBottom(messages)

  useEffect(() => {
    if (highlightId === null || status !== 'ready') return
    const target = [...(ref.current?.querySelectorAll<HTMLElement>('[data-message-id]') ?? [])].find(
      (element) => element.dataset.messageId === highlightId,
    )
    if (target && typeof target.scrollIntoView === 'function') {
      target.scrollIntoView({ block: 'center', behavior: 'smooth' })
    }
    const timer = setTimeout(clearHighlight, HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlightId, status, clearHighlight, ref])

  // From the outline, which stays the same while a reply streams: found again when the list changes, not per frame.
  const landmarks = useMemo(() => listLandmarks(outline), [outline])
  const { lastReplyId, latestTruncationNoticeId, latest, firstSeenId } = landmarks
  const busy = turn !== undefined

  return (
    <div className="messages" ref={ref} onScroll={onScroll} aria-label="Messages" role="region">
      {status === 'error' && loadError && (
        <ErrorNotice error={loadError}>
          <button type="button" className="button" onClick={() => void reload(conversationId)}>
            Try again
          </button>
        </ErrorNotice>
      )}
      <ol className="messages__list">
        {messages.map((message, index) => (
          <Fragment key={message.id}>
            {message.id === firstSeenId && latest && (
              <li className="seen-divider">
                <span>{shortModelName(latest.reply.model ?? 'The model')} no longer sees the messages above</span>
              </li>
            )}
            <MessageItem
              message={message}
              turn={turn?.assistantMessageId === message.id ? turn : undefined}
              isLastReply={message.id === lastReplyId}
              busy={busy}
              laterCount={messages.length - index - 1}
              highlighted={message.id === highlightId}
              offersActions={message.id === latestTruncationNoticeId}
            />
          </Fragment>
        ))}
        {turn && turn.assistantMessageId === null && <PendingTurn turn={turn} />}
      </ol>
    </div>
  )
}
