import { useEffect, useMemo, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { selectInflightFor } from '../../store/chat-slice'
import { useActiveMessagesOutline } from '../../store/messages-outline'
import { useApp } from '../../store/store-context'
import { listLandmarks } from './list-landmarks'
import { messageRows } from './message-rows'
import { MessageItem } from './MessageItem'
import { MessageRun } from './MessageRun'
import { PendingTurn } from './PendingTurn'
import { createRowHeights } from './row-heights'
import { runCount, type RowRun } from './row-runs'
import { useRenderWindow } from './use-render-window'
import { useRunFilling } from './use-run-filling'
import { useSearchJump } from './use-search-jump'
import { useStickToBottom } from './use-stick-to-bottom'
import { JumpToLatest } from './JumpToLatest'

/**
 * The messages of the open conversation; follows a streaming reply and scrolls to a searched message. Only the
 * rows on and near the screen are rendered in full (see `useRenderWindow`), the others are runs of plain-text
 * placeholders (`MessageRun`, filled in while idle: `useRunFilling`); the list itself reads the messages' outline,
 * which stays the same while a reply streams, so a streamed frame re-renders the streaming reply alone.
 */
export function MessageList({ conversationId }: { conversationId: string }) {
  const outline = useActiveMessagesOutline()
  const status = useApp((state) => state.messagesStatus[conversationId])
  const loadError = useApp((state) => state.messagesError[conversationId] ?? null)
  // A long conversation shows its newest messages first; the older ones arrive after (see `loadMessages`).
  const older = useApp((state) => state.olderMessages[conversationId])
  const complete = older === undefined
  const turn = useApp(selectInflightFor(conversationId))
  const reload = useApp((state) => state.loadMessages)
  const reloadOlder = useApp((state) => state.loadOlderMessages)
  const scrollRef = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const [heights] = useState(createRowHeights)

  // Found again when the list changes, not per frame.
  const landmarks = useMemo(() => listLandmarks(outline, complete), [outline, complete])
  const rows = useMemo(() => messageRows(outline, landmarks), [outline, landmarks])
  // Looked up when a search jump needs it, not indexed for every change of the list.
  const rowIndexOf = (messageId: string) => {
    const index = rows.findIndex((row) => row.key === messageId)
    return index < 0 ? undefined : index
  }

  // Declared first: its layout effect puts a new list at the bottom before the window measures where the screen is.
  const stick = useStickToBottom(scrollRef, listRef, rows)
  const window = useRenderWindow(scrollRef, listRef, rows, heights)
  const filledFrom = useRunFilling(runCount(rows.length), rows[0]?.key)
  const highlightId = useSearchJump({
    ready: status === 'ready',
    complete,
    rowIndexOf,
    isRendered: (messageId) => {
      const index = rowIndexOf(messageId)
      return index !== undefined && index >= window.range.from && index < window.range.to
    },
    reveal: window.reveal,
    release: stick.release,
  })
  // A turn this window started (send, edit, regenerate) brings the reader back to the bottom to watch the reply.
  const turnId = turn?.requestId
  const { stick: stickToBottom } = stick
  useEffect(() => {
    if (turnId !== undefined) stickToBottom()
  }, [turnId, stickToBottom])
  const { lastReplyId, latestTruncationNoticeId } = landmarks
  const { from, to } = window.range
  const run = (each: RowRun) => (
    <MessageRun
      key={each.key}
      rows={rows}
      from={each.from}
      to={each.to}
      heights={heights}
      filled={each.index >= filledFrom}
    />
  )

  return (
    <div
      className="messages"
      ref={scrollRef}
      onScroll={() => {
        stick.onScroll()
        window.update()
      }}
      aria-label="Messages"
      role="region"
      // Focusable from script only: "Jump to latest" leaves the focus here, where PageUp and PageDown scroll.
      tabIndex={-1}
      data-loading-older={older === 'loading' ? '' : undefined}
    >
      {(status === 'error' || older === 'failed') && loadError && (
        <ErrorNotice error={loadError}>
          <button
            type="button"
            className="button"
            onClick={() => void (status === 'error' ? reload(conversationId) : reloadOlder(conversationId))}
          >
            Try again
          </button>
        </ErrorNotice>
      )}
      {older === 'loading' && (
        <p className="messages__older" role="status">
          Loading earlier messages…
        </p>
      )}
      <ol className="messages__list" ref={listRef}>
        {window.above.map(run)}
        {rows.slice(from, to).map((row) => {
          if (row.kind === 'divider') {
            return (
              <li key={row.key} className="seen-divider">
                <span>{row.label}</span>
              </li>
            )
          }
          const { message } = row
          return (
            <MessageItem
              key={row.key}
              message={message}
              turn={turn?.assistantMessageId === message.id ? turn : undefined}
              isLastReply={message.id === lastReplyId}
              highlighted={message.id === highlightId}
              offersActions={message.id === latestTruncationNoticeId}
            />
          )
        })}
        {window.below.map(run)}
        {turn && turn.assistantMessageId === null && <PendingTurn turn={turn} />}
      </ol>
      {stick.awayFromBottom && (
        <JumpToLatest
          onJump={() => {
            stickToBottom()
            scrollRef.current?.focus({ preventScroll: true })
          }}
        />
      )}
    </div>
  )
}
