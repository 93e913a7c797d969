import { RotateCcw } from 'lucide-react'
import type { ChatMessage } from '../../../src-shared/types'
import { CopyButton } from '../../components/CopyButton'
import { IconButton } from '../../components/IconButton'
import { Markdown } from '../../lib/markdown/Markdown'
import type { InflightTurn } from '../../store/chat-slice'
import { selectIsAnswering, selectLiveMessage } from '../../store/selectors'
import { useApp } from '../../store/store-context'
import { ReplyContextTags } from './ReplyContextTags'
import { ReplyMeta } from './ReplyMeta'
import { ReplyStatus, statusOffersRetry } from './ReplyStatus'
import { ThinkingBlock } from './ThinkingBlock'
import { VersionSwitcher } from './VersionSwitcher'

/** A model's reply: folded thinking, the Markdown answer, its status and actions. */
export function AssistantMessage({
  message: listed,
  turn,
  isLastReply,
  highlighted,
}: {
  message: ChatMessage
  turn: InflightTurn | undefined
  isLastReply: boolean
  highlighted: boolean
}) {
  // The list hands out a copy that lags behind a streaming reply's text (so the list does not re-render per
  // frame); a streaming reply reads its own text from the store, and only it re-renders as the text grows.
  const live = useApp((state) =>
    listed.status === 'streaming' ? selectLiveMessage(listed.conversationId, listed.id)(state) : undefined,
  )
  const message = live ?? listed
  const regenerate = useApp((state) => state.regenerate)
  const thinkingTime = useApp((state) => state.thinkingTimes[message.id])
  // Only the last reply asks whether the conversation is answering: a turn's start and end re-render it alone.
  const answering = useApp((state) => isLastReply && selectIsAnswering(message.conversationId)(state))
  const streaming = message.status === 'streaming'
  const canRegenerate = isLastReply && !answering && !streaming
  const retry = canRegenerate ? () => void regenerate(message.conversationId) : undefined

  return (
    <li
      className={`msg msg--assistant${streaming ? ' msg--streaming' : ''}${highlighted ? ' msg--highlighted' : ''}`}
      data-message-id={message.id}
      aria-busy={streaming}
    >
      {message.thinking !== '' && (
        <ThinkingBlock
          thinking={message.thinking}
          time={thinkingTime}
          thinkingNow={streaming && message.content === ''}
        />
      )}
      {message.content !== '' && <Markdown text={message.content} streaming={streaming} />}
      <ReplyStatus message={message} turn={turn} onRetry={retry} />
      {!streaming && message.context && <ReplyContextTags context={message.context} />}
      {!streaming && (
        <div className="msg__actions msg__actions--reply">
          <VersionSwitcher message={message} noun="reply" />
          {message.content !== '' && <CopyButton text={message.content} label="Copy reply" />}
          {canRegenerate && !statusOffersRetry(message) && (
            <IconButton label="Regenerate reply" className="icon-button--small" onClick={retry}>
              <RotateCcw size={14} aria-hidden />
            </IconButton>
          )}
          <ReplyMeta message={message} />
        </div>
      )}
    </li>
  )
}
